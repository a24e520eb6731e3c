import { For } from 'solid-js'
import { STATUS_EMOJI, statusEmojiValue } from '../../shared/model/status-emoji'
import { statusEmojiUrl } from '../ui/status-emoji-images'

/**
 * The shipped status symbols as one radio group (arrow keys move, Space picks), each radio named
 * by its symbol's label; "None" clears it. `value` is the stored form, `emoji:ID` or ''.
 */
export function StatusEmojiPicker(props: { value: string; onChange: (value: string) => void }) {
  const options = [{ value: '', label: 'None', url: null }, ...STATUS_EMOJI.map((e) => ({ value: statusEmojiValue(e.id), label: e.label, url: statusEmojiUrl(e.id) }))]
  return (
    <fieldset class="field emoji-picker">
      <legend class="field-label">Emoji</legend>
      <div class="emoji-options">
        <For each={options}>
          {(option) => (
            <label class="emoji-option" title={option.label}>
              <input type="radio" name="status-emoji" class="emoji-radio" checked={props.value === option.value} onChange={() => props.onChange(option.value)} />
              {option.url ? <img src={option.url} alt={option.label} width={24} height={24} draggable={false} /> : <span class="emoji-none">{option.label}</span>}
            </label>
          )}
        </For>
      </div>
    </fieldset>
  )
}
