import { Show, createUniqueId, type JSX } from 'solid-js'
import { Dialog } from '../../ui/Dialog'
import { ThemeSelect } from './ThemeSelect'
import { AwayAfterSetting } from './AwayAfterSetting'
import { NotificationSettings } from './NotificationSettings'
import { TalkKeySetting } from './TalkKeySetting'
import './settings.css'

function Section(props: { title: string; children: JSX.Element }) {
  const titleId = createUniqueId()
  return (
    <section class="settings-section" aria-labelledby={titleId}>
      <h3 id={titleId} class="settings-section-title">
        {props.title}
      </h3>
      {props.children}
    </section>
  )
}

/** What the host adds to Settings: the office itself holds no media and knows no desktop. */
export interface SettingsSlots {
  /** Microphone, camera and speaker pickers (renderer/media/DeviceSettings.tsx). */
  devices?: () => JSX.Element
  /** Whether the host may show notifications, and the way to allow them (web/NotificationPermission.tsx). */
  notificationPermission?: () => JSX.Element
  /** The desktop build's own rows: global shortcut, updates, start at login. The web client has none. */
  desktopRows?: () => JSX.Element
}

/** This device's preferences, each saved the moment it changes. */
export function SettingsDialog(props: { onClose: () => void; slots: SettingsSlots }) {
  return (
    <Dialog title="Settings" description="Kept on this device only; each change applies at once." size="wide" onClose={props.onClose}>
      <div class="settings">
        <Section title="Devices">
          <Show when={props.slots.devices} fallback={<p class="settings-help">Choose your microphone, camera and speaker in a call, from the call bar.</p>}>
            {(devices) => devices()()}
          </Show>
        </Section>
        <Section title="Notifications">
          <Show when={props.slots.notificationPermission}>{(permission) => permission()()}</Show>
          <NotificationSettings />
        </Section>
        <Section title="Away">
          <AwayAfterSetting />
        </Section>
        <Section title="Appearance">
          <ThemeSelect />
        </Section>
        <Section title="Push to talk">
          <TalkKeySetting />
        </Section>
        <Show when={props.slots.desktopRows}>
          {(rows) => (
            <Section title="Desktop">
              <div class="settings-rows">{rows()()}</div>
            </Section>
          )}
        </Show>
      </div>
      <div class="dialog-actions">
        <button type="button" class="button button--primary" onClick={() => props.onClose()}>
          Done
        </button>
      </div>
    </Dialog>
  )
}
