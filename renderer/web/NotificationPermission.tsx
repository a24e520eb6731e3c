import { Match, Switch, createSignal } from 'solid-js'

type Permission = NotificationPermission | 'unsupported'
const current = (): Permission => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission)

/** The browser's side of notifications in Settings: asked for only from this button (a user gesture). */
export function NotificationPermission() {
  const [permission, setPermission] = createSignal(current())
  const ask = async () => setPermission(await Notification.requestPermission().catch(() => current()))
  return (
    <div class="settings-row">
      <Switch>
        <Match when={permission() === 'granted'}>
          <p class="settings-help">This browser shows Hallway’s notifications.</p>
        </Match>
        <Match when={permission() === 'default'}>
          <p class="settings-help">This browser shows nothing until you allow it.</p>
          <button type="button" class="button button--small" onClick={() => void ask()}>
            Allow notifications
          </button>
        </Match>
        <Match when={permission() === 'denied'}>
          <p class="settings-help">This browser blocks Hallway’s notifications: allow them in the site settings (the icon left of the address).</p>
        </Match>
        <Match when={permission() === 'unsupported'}>
          <p class="settings-help">This browser cannot show notifications.</p>
        </Match>
      </Switch>
    </div>
  )
}
