import { createEffect, untrack, type Accessor } from 'solid-js'
import type { OfficeView } from '../../../shared/contract/view'
import type { HostNotifier } from '../../ui/host-notifier'
import { notificationChoices } from '../settings/notification-choices'
import { freshNews } from './office-news'

/** Tells the host each new knock, invitation and mention this device wants to hear of (Settings). */
export function useOfficeNotifications(view: Accessor<OfficeView>, notifier: HostNotifier): void {
  const seen = new Set<string>()
  // What is already there when the office opens is on screen: only later news notifies.
  freshNews(untrack(view), seen, { knocks: false, invitations: false, mentions: false })
  createEffect(() => {
    for (const news of freshNews(view(), seen, notificationChoices())) notifier.show(news)
  })
}
