// Which kinds of news this device shows as system notifications (per device: a laptop may
// notify while a phone's browser stays quiet).
import { ALL_NOTIFICATIONS, readNotificationChoices } from '../../../shared/contract/notification-choices'
import { storedSignal } from '../../ui/stored-signal'

export { NOTIFICATION_KINDS, type NotificationChoices, type NotificationKind } from '../../../shared/contract/notification-choices'

export const [notificationChoices, setNotificationChoices] = storedSignal('hallway.notifications', readNotificationChoices, ALL_NOTIFICATIONS)
