import type { NoticeTone } from '../ui/office-session'

/** One line saying what went wrong and what to do (or what just happened); stays until dismissed or replaced. */
export function Notice(props: { text: string; tone: NoticeTone; onDismiss: () => void }) {
  return (
    <div class={`notice notice--${props.tone}`} role="alert">
      <span class="notice-text">{props.text}</span>
      <button type="button" class="notice-dismiss" onClick={() => props.onDismiss()}>
        Dismiss
      </button>
    </div>
  )
}
