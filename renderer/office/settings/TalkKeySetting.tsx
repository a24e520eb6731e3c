// Push to talk on this device: the switch, and the key to hold, taken from the next key pressed.
import { createSignal, createUniqueId } from 'solid-js'
import { FormError } from '../../ui/Dialog'
import { useOffice } from '../office-context'
import { keyName, talkKeyProblem } from '../push-to-talk'
import { KeyCaptureButton } from './KeyCaptureButton'

export function TalkKeySetting() {
  const { pushToTalk } = useOffice()
  const [problem, setProblem] = createSignal<string | null>(null)
  const helpId = createUniqueId()

  // Every key but Escape is the answer, taken or refused.
  const onKey = (event: KeyboardEvent) => {
    const reason = talkKeyProblem(event.code)
    setProblem(reason)
    if (!reason) pushToTalk.setKey(event.code)
    return true
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
        <KeyCaptureButton labelledBy={`${helpId}-key`} valueId={`${helpId}-value`} value={keyName(pushToTalk.key())} prompt="Press a key…" onStart={() => setProblem(null)} onKey={onKey} />
      </div>
      <FormError error={problem()} />
    </div>
  )
}
