import { Show, createSignal, onMount } from 'solid-js'
import type { StartAtLogin } from '../../shared/contract/electron-bridge-answers'
import { chooseStartAtLogin, readStartAtLogin } from './start-at-login'

/**
 * "Start Hallway when I log in" (off until chosen), for the Settings dialog. Renders nothing on
 * the web or where the OS has no login items (Linux).
 */
export function StartAtLoginSetting() {
  const bridge = window.hallway
  const [setting, setSetting] = createSignal<StartAtLogin | null>(null)
  const [problem, setProblem] = createSignal<string | null>(null)
  onMount(async () => setSetting(await readStartAtLogin(bridge)))

  const choose = async (on: boolean) => {
    if (!bridge) return
    const next = await chooseStartAtLogin(bridge, on)
    setProblem(next ? null : 'Hallway could not change this setting. Try again.')
    // On a refusal the box goes back to what the OS still has.
    setSetting(next ?? (await readStartAtLogin(bridge)))
  }

  return (
    <Show when={setting()?.supported}>
      <label class="start-at-login">
        <input type="checkbox" checked={setting()?.on ?? false} onChange={(event) => void choose(event.currentTarget.checked)} />
        <span>Start Hallway when I log in</span>
      </label>
      <Show when={problem()}>
        <p role="alert" class="start-at-login-problem">
          {problem()}
        </p>
      </Show>
    </Show>
  )
}
