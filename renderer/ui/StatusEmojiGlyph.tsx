import { Show } from 'solid-js'
import { readStatusEmoji } from '../../shared/model/status-emoji'
import { statusEmojiUrl } from './status-emoji-images'

/**
 * A status emoji as stored: a shipped symbol as its image, named by its label (or unnamed when
 * the words are said elsewhere); free text from before the picker as text; anything else nothing.
 */
export function StatusEmojiGlyph(props: { value: string; size: number; decorative?: boolean }) {
  const reading = () => readStatusEmoji(props.value)
  const symbol = () => {
    const read = reading()
    return read?.kind === 'image' ? read : null
  }
  const legacyText = () => {
    const read = reading()
    return read?.kind === 'text' ? read.text : null
  }
  return (
    <Show when={symbol()} fallback={<Show when={legacyText()}>{(text) => <span class="emoji-text">{text()}</span>}</Show>}>
      {(shown) => (
        <img
          class="emoji-glyph"
          src={statusEmojiUrl(shown().id)}
          alt={props.decorative ? '' : shown().label}
          width={props.size}
          height={props.size}
          draggable={false}
        />
      )}
    </Show>
  )
}
