import { onMount } from 'solid-js'
import { Limits } from '../../shared/model/limits'

/** Inline room rename: Enter or leaving the field saves, Escape keeps the old name. */
export function RenameField(props: { name: string; onSave: (name: string) => void; onDone: () => void }) {
  let input!: HTMLInputElement
  let finished = false
  onMount(() => {
    input.focus()
    input.select()
  })
  const finish = (save: boolean) => {
    if (finished) return
    finished = true
    const name = input.value.trim()
    if (save && name && name !== props.name) props.onSave(name)
    props.onDone()
  }
  return (
    <form
      class="rename"
      onSubmit={(event) => {
        event.preventDefault()
        finish(true)
      }}
    >
      <input
        ref={input}
        class="rename-input"
        aria-label="Room name"
        value={props.name}
        maxLength={Limits.roomName}
        onBlur={() => finish(true)}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return
          event.preventDefault()
          finish(false)
        }}
      />
    </form>
  )
}
