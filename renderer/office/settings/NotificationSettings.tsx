import { For, createUniqueId } from 'solid-js'
import { NOTIFICATION_KINDS, notificationChoices, setNotificationChoices, type NotificationKind } from './notification-choices'

const labels: Record<NotificationKind, { title: string; help: string }> = {
  knocks: { title: 'Knocks', help: 'Someone knocks on the room you are in.' },
  invitations: { title: 'Invitations', help: 'Someone invites you into their room.' },
  mentions: { title: 'Mentions', help: 'Someone mentions you in a room discussion.' },
}

function NotificationSwitch(props: { kind: NotificationKind }) {
  const helpId = createUniqueId()
  return (
    <label class="switch">
      <input
        type="checkbox"
        role="switch"
        aria-label={labels[props.kind].title}
        aria-describedby={helpId}
        checked={notificationChoices()[props.kind]}
        onChange={(event) => setNotificationChoices({ ...notificationChoices(), [props.kind]: event.currentTarget.checked })}
      />
      <span>
        <strong aria-hidden="true">{labels[props.kind].title}</strong>
        <span id={helpId} class="switch-help">
          {labels[props.kind].help}
        </span>
      </span>
    </label>
  )
}

/** One switch per kind of news shown as a system notification on this device. */
export function NotificationSettings() {
  return (
    <div class="settings-rows">
      <For each={NOTIFICATION_KINDS}>{(kind) => <NotificationSwitch kind={kind} />}</For>
    </div>
  )
}
