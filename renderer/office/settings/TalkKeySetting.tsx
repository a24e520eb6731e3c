// Push to talk on this device: the switch, and the key to hold, taken from the next key pressed.
import { Show, createSignal, createUniqueId } from 'solid-js'
import { FormError } from '../../ui/Dialog'
import { useOffice } from '../office-context'
import { keyName, talkKeyProblem } from '../push-to-talk'

export function TalkKeySetting() {
  const { pushToTalk } = useOffice()
  const [listening, setListening] = createSignal(false)
  const [problem, setProblem] = createSignal<string | null>(null)
  const helpId = createUniqueId()

  const onKeyDown = (event: KeyboardEvent) => {
    if (!listening()) return
    // Escape stops listening and must not close the dialog too; every other key is the answer.
    event.preventDefault()
    event.stopPropagation()
    setListening(false)
    if (event.code === 'Escape') return
    const reason = talkKeyProblem(event.code)
    setProblem(reason)
    if (!reason) pushToTalk.setKey(event.code)
  }

  return (
    <div class="settings-rows">
      <label class="switch">
        <input type="checkbox" role="switch" aria-label="Push to talk" aria-describedby={helpId} checked={pushToTalk.on()} onChange={(event) => pushToTalk.set(event.currentTarget.checked)} />
        <span>
          <strong aria-hidden="true">Push to talk</strong>
          <span id={helpId} class="switch-help">
            In a room, you are muted unless you hold {keyName(pushToTalk.key())}.
          </span>
        </span>
      </label>
      <div class="settings-row">
        <span class="settings-row-label" id={`${helpId}-key`}>
          Push-to-talk key
        </span>
        <button
          type="button"
          class="button button--small settings-key"
          aria-labelledby={`${helpId}-key ${helpId}-value`}
          onClick={() => {
            setProblem(null)
            setListening(true)
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setListening(false)}
        >
          <Show when={listening()} fallback={<kbd id={`${helpId}-value`}>{keyName(pushToTalk.key())}</kbd>}>
            <span id={`${helpId}-value`}>Press a key…</span>
          </Show>
        </button>
      </div>
      <FormError error={problem()} />
    </div>
  )
}
