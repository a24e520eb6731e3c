import { MUTE_SHORTCUT } from '../../../shared/contract/shortcuts'

/** An Electron accelerator as this platform writes it: "CommandOrControl+Shift+M" → "⌘ Shift M" on a Mac. */
export function acceleratorLabel(accelerator: string, platform: string): string {
  const control = platform === 'darwin' ? '⌘' : 'Ctrl'
  return accelerator
    .split('+')
    .map((part) => (part === 'CommandOrControl' || part === 'CmdOrCtrl' ? control : part))
    .join('+')
}

/** Desktop only: the shortcut that mutes me from any app (main registers it; see tray-controller.ts). */
export function GlobalShortcutSetting(props: { platform: string }) {
  return (
    <div class="settings-row">
      <span class="settings-row-label">Mute or unmute from any app</span>
      <kbd class="settings-kbd">{acceleratorLabel(MUTE_SHORTCUT, props.platform)}</kbd>
    </div>
  )
}
