import type { HostNotifier } from '../ui/host-notifier'

/** System notifications through the browser, once the member allowed them (NotificationPermission.tsx asks). */
export const webNotifier: HostNotifier = {
  show({ title, body, tag }) {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return
    const notification = new Notification(title, { body, tag })
    notification.addEventListener('click', () => {
      window.focus()
      notification.close()
    })
  },
}
