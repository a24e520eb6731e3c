/** One line saying what went wrong and what to do; stays until dismissed or replaced. */
export function Notice(props: { text: string; onDismiss: () => void }) {
  return (
    <div class="notice" role="alert">
      <span class="notice-text">{props.text}</span>
      <button type="button" class="notice-dismiss" onClick={() => props.onDismiss()}>
        Dismiss
      </button>
    </div>
  )
}
