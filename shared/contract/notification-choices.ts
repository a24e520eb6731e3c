import { boolean, readerOf, strictObject, withDefault } from './value-checks'

export const NOTIFICATION_KINDS = ['knocks', 'invitations', 'mentions'] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

/** Which kinds of news a device shows as system notifications (the office's Settings; main obeys them on the desktop). */
export type NotificationChoices = Record<NotificationKind, boolean>
export const ALL_NOTIFICATIONS: NotificationChoices = { knocks: true, invitations: true, mentions: true }

// By hand, not zod: the office reads its stored choices before its first frame. notification-choices.test.ts
// holds this to notificationChoicesSchema (notification-choices-schema.ts, which main checks IPC with).
// A choice stored before mentions existed reads as wanting them, keeping the other switches as they were.
/** Stored or sent choices, or undefined where they do not fit. */
export const readNotificationChoices = readerOf(strictObject<NotificationChoices>({ knocks: boolean, invitations: boolean, mentions: withDefault(boolean, true) }))
