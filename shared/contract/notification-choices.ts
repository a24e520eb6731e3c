import { z } from 'zod'

// @mentions join these once the core tells views of discussions they have not opened.
export const NOTIFICATION_KINDS = ['knocks', 'invitations'] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

/** Which kinds of news a device shows as system notifications (the office's Settings; main obeys them on the desktop). */
export const notificationChoicesSchema = z.object({ knocks: z.boolean(), invitations: z.boolean() }).strict()
export type NotificationChoices = z.infer<typeof notificationChoicesSchema>
export const ALL_NOTIFICATIONS: NotificationChoices = { knocks: true, invitations: true }
