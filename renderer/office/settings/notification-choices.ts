// Which kinds of news this device shows as system notifications (per device: a laptop may
// notify while a phone's browser stays quiet).
import { z } from 'zod'
import { storedSignal } from '../../ui/stored-signal'

// @mentions join these once the core tells views of discussions they have not opened.
export const NOTIFICATION_KINDS = ['knocks', 'invitations'] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

const choicesSchema = z.object({ knocks: z.boolean(), invitations: z.boolean() })
export type NotificationChoices = z.infer<typeof choicesSchema>

export const [notificationChoices, setNotificationChoices] = storedSignal('hallway.notifications', choicesSchema, { knocks: true, invitations: true })
