import { Show, createSignal } from 'solid-js'

interface KeyCaptureButtonProps {
  /** The ids of what names the setting; the value's own id is added after them. */
  labelledBy: string
  valueId: string
  /** The key or shortcut in effect, as the member reads it. */
  value: string
  /** Shown while listening. */
  prompt: string
  onStart?(): void
  /** A key pressed while listening (Escape excepted): true when it ends the listening. */
  onKey(event: KeyboardEvent): boolean
}

/**
 * A Settings button that shows a key and, once pressed, takes the next key press as the new one.
 * Escape gives up and must not close the dialog too; leaving the button gives up as well.
 */
export function KeyCaptureButton(props: KeyCaptureButtonProps) {
  const [listening, setListening] = createSignal(false)
  const onKeyDown = (event: KeyboardEvent) => {
    if (!listening()) return
    event.preventDefault()
    event.stopPropagation()
    if (event.code === 'Escape' || props.onKey(event)) setListening(false)
  }
  return (
    <button
      type="button"
      class="button button--small settings-key"
      aria-labelledby={`${props.labelledBy} ${props.valueId}`}
      onClick={() => {
        props.onStart?.()
        setListening(true)
      }}
      onKeyDown={onKeyDown}
      onBlur={() => setListening(false)}
    >
      <Show when={listening()} fallback={<kbd id={props.valueId}>{props.value}</kbd>}>
        <span id={props.valueId}>{props.prompt}</span>
      </Show>
    </button>
  )
}
