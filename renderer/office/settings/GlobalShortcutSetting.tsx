// Desktop only: the shortcut that mutes me from any app, held by main (mute-shortcut.ts there),
// taken from the next combination pressed.
import { Show, createSignal, createUniqueId, onMount } from 'solid-js'
import { MUTE_SHORTCUT, muteShortcutProblem, type MuteShortcutState } from '../../../shared/contract/shortcuts'
import { FormError } from '../../ui/Dialog'
import { acceleratorLabel, acceleratorOfPress, chooseMuteShortcut, readMuteShortcut } from './mute-shortcut'
import { KeyCaptureButton } from './KeyCaptureButton'

export function GlobalShortcutSetting(props: { platform: string }) {
  const bridge = window.hallway
  const [state, setState] = createSignal<MuteShortcutState | null>(null)
  const [problem, setProblem] = createSignal<string | null>(null)
  const id = createUniqueId()
  const label = (accelerator: string) => acceleratorLabel(accelerator, props.platform)
  onMount(async () => setState(await readMuteShortcut(bridge)))

  const choose = async (accelerator: string) => {
    if (!bridge) return
    const answer = await chooseMuteShortcut(bridge, accelerator)
    if ('refused' in answer) return setProblem(answer.refused)
    setState(answer)
    setProblem(answer.taken === null ? null : `Another app uses ${label(answer.taken)}. Press another shortcut.`)
  }

  // Modifiers alone keep listening; a combination that cannot be a shortcut says why and keeps listening.
  const onKey = (event: KeyboardEvent) => {
    const accelerator = acceleratorOfPress(event, props.platform)
    if (accelerator === null) return false
    const reason = muteShortcutProblem(accelerator)
    setProblem(reason)
    if (reason !== null) return false
    void choose(accelerator)
    return true
  }

  const notWorking = () => {
    const current = state()
    return current && !current.registered ? `Another app holds ${label(current.accelerator)}, so it does nothing here. Pick another.` : null
  }

  return (
    <Show when={state()}>
      {(current) => (
        <>
          <div class="settings-row">
            <span class="settings-row-label" id={`${id}-label`}>
              Mute or unmute from any app
            </span>
            <KeyCaptureButton labelledBy={`${id}-label`} valueId={`${id}-value`} value={label(current().accelerator)} prompt="Press the new shortcut…" onStart={() => setProblem(null)} onKey={onKey} />
            <Show when={current().accelerator !== MUTE_SHORTCUT}>
              <button type="button" class="button button--small" onClick={() => void choose(MUTE_SHORTCUT)}>
                Use {label(MUTE_SHORTCUT)}
              </button>
            </Show>
          </div>
          <FormError error={problem() ?? notWorking()} />
        </>
      )}
    </Show>
  )
}
