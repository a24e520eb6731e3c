import { For, Show, createSignal, createUniqueId } from 'solid-js'
import { Limits } from '../../shared/model/limits'
import { isWritableStatusEmoji, statusEmojiValue } from '../../shared/model/status-emoji'
import { Dialog, DialogActions, FormError } from '../ui/Dialog'
import { StatusEmojiGlyph } from '../ui/StatusEmojiGlyph'
import { useOffice } from './office-context'
import { StatusEmojiPicker } from './StatusEmojiPicker'
import { EXPIRY_LABELS, STATUS_PRESETS, expiryUntil, statusDraft, untilText, type Expiry, type Status } from './status-format'

/** Set or clear my custom status: emoji, text, when it clears, do-not-disturb. */
export function StatusDialog(props: { current: Status | null; onClose: () => void }) {
  const office = useOffice()
  // Free-text emoji from before the picker cannot be written again: the picker starts at None.
  const current = props.current?.emoji ?? ''
  const [emoji, setEmoji] = createSignal(isWritableStatusEmoji(current) ? current : '')
  const [text, setText] = createSignal(props.current?.text ?? '')
  const [expiry, setExpiry] = createSignal<Expiry>(props.current?.until ? 'keep' : 'none')
  const [dnd, setDnd] = createSignal(props.current?.dnd ?? false)
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  const dndHelpId = createUniqueId()

  const choices = (): Expiry[] => (props.current?.until ? ['keep', 'none', '30m', '1h', 'today'] : ['none', '30m', '1h', 'today'])
  const choiceLabel = (choice: Expiry) =>
    choice === 'keep' ? `Keep (${untilText(props.current!.until!, office.now())})` : EXPIRY_LABELS[choice]

  const send = async (command: Parameters<typeof office.attempt>[0]) => {
    setBusy(true)
    const result = await office.attempt(command)
    setBusy(false)
    if (result.ok) props.onClose()
    else setError(result.error)
  }
  const save = (event: SubmitEvent) => {
    event.preventDefault()
    void send({ type: 'setStatus', text: statusDraft(text()), emoji: emoji(), until: expiryUntil(expiry(), Date.now(), props.current?.until ?? null), dnd: dnd() })
  }

  return (
    <Dialog title="Set status" description="Tell your team what you're up to." onClose={props.onClose}>
      <form class="form" onSubmit={save}>
        <label class="field">
          <span class="field-label">Status</span>
          <input autofocus value={text()} onInput={(e) => setText(e.currentTarget.value)} maxLength={Limits.statusText} placeholder="What's your status?" />
        </label>
        <StatusEmojiPicker value={emoji()} onChange={setEmoji} />
        <div class="presets" role="group" aria-label="Suggestions">
          <For each={STATUS_PRESETS}>
            {(preset) => (
              <button
                type="button"
                class="preset"
                onClick={() => {
                  setEmoji(statusEmojiValue(preset.emoji))
                  setText(preset.text)
                  setExpiry(preset.expiry)
                }}
              >
                <StatusEmojiGlyph value={statusEmojiValue(preset.emoji)} size={16} decorative /> {preset.text}
              </button>
            )}
          </For>
        </div>
        <fieldset class="field">
          <legend class="field-label">Clear after</legend>
          <div class="choices">
            <For each={choices()}>
              {(choice) => (
                <label class="choice">
                  <input type="radio" name="status-expiry" checked={expiry() === choice} onChange={() => setExpiry(choice)} />
                  {choiceLabel(choice)}
                </label>
              )}
            </For>
          </div>
        </fieldset>
        <label class="switch holds-back">
          <input type="checkbox" role="switch" aria-label="Do not disturb" aria-describedby={dndHelpId} checked={dnd()} onChange={(e) => setDnd(e.currentTarget.checked)} />
          <span>
            <strong aria-hidden="true">Do not disturb</strong>
            <span id={dndHelpId} class="switch-help">
              Knocks and invitations wait until you turn this off.
            </span>
          </span>
        </label>
        <FormError error={error()} />
        <DialogActions
          confirm="Save"
          busy={busy()}
          onCancel={props.onClose}
          start={
            <Show when={props.current}>
              <button type="button" class="button button--quiet dialog-actions-start" disabled={busy()} onClick={() => void send({ type: 'clearStatus' })}>
                Clear status
              </button>
            </Show>
          }
        />
      </form>
    </Dialog>
  )
}
