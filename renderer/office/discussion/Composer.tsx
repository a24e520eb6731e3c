import { createSignal, onMount } from 'solid-js'
import { Limits } from '../../../shared/model/limits'
import { FormError } from '../../ui/Dialog'
import { useOffice } from '../office-context'

/** Writes into a room's discussion: Enter sends, Shift+Enter starts a new line. */
export function Composer(props: { roomId: string; roomName: string }) {
  const office = useOffice()
  const [text, setText] = createSignal('')
  const [error, setError] = createSignal<string | null>(null)
  let input!: HTMLTextAreaElement
  onMount(() => input.focus())

  const send = async () => {
    const message = text().trim()
    if (!message) return
    // Clear at once so the next message can be typed; a refused one comes back to be fixed.
    setText('')
    const result = await office.attempt({ type: 'postMessage', roomId: props.roomId, text: message })
    setError(result.ok ? null : result.error)
    if (!result.ok && !text()) setText(message)
  }

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault()
        void send()
      }}
    >
      <FormError error={error()} />
      <div class="composer-row">
        <textarea
          ref={input}
          class="composer-input"
          rows={2}
          aria-label={`Message ${props.roomName}`}
          placeholder={`Message ${props.roomName}`}
          maxLength={Limits.messageText}
          value={text()}
          onInput={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return
            event.preventDefault()
            void send()
          }}
        />
        <button type="submit" class="button button--primary" disabled={!text().trim()}>
          Send
        </button>
      </div>
    </form>
  )
}
