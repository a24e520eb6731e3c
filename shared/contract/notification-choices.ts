import { z } from 'zod'

export const NOTIFICATION_KINDS = ['knocks', 'invitations', 'mentions'] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

/** Which kinds of news a device shows as system notifications (the office's Settings; main obeys them on the desktop). */
// A choice stored before mentions existed reads as wanting them, keeping the other switches as they were.
export const notificationChoicesSchema = z.object({ knocks: z.boolean(), invitations: z.boolean(), mentions: z.boolean().default(true) }).strict()
export type NotificationChoices = z.infer<typeof notificationChoicesSchema>
export const ALL_NOTIFICATIONS: NotificationChoices = { knocks: true, invitations: true, mentions: true }
