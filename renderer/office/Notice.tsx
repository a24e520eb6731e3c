import { For } from 'solid-js'
import type { Notice } from '../ui/notice-stack'

/**
 * Notices over the office, newest on top, so they never push the rooms down. A failure is an
 * alert (it stays until dismissed or replaced); news is a status and expires on its own.
 * Escape on a notice dismisses it and moves the focus to the next one.
 */
export function NoticeStack(props: { notices: readonly Notice[]; onDismiss: (id: number) => void }) {
  const dismissByKey = (event: KeyboardEvent, id: number) => {
    if (event.key !== 'Escape') return
    event.stopPropagation()
    const next = (event.currentTarget as HTMLElement).nextElementSibling?.querySelector<HTMLButtonElement>('.notice-dismiss')
    props.onDismiss(id)
    next?.focus()
  }
  return (
    <For each={props.notices}>
      {(notice) => (
        <div
          class={`notice notice--${notice.tone}`}
          role={notice.tone === 'error' ? 'alert' : 'status'}
          onKeyDown={(event) => dismissByKey(event, notice.id)}
        >
          <span class="notice-text">{notice.text}</span>
          <button type="button" class="notice-dismiss" onClick={() => props.onDismiss(notice.id)}>
            Dismiss
          </button>
        </div>
      )}
    </For>
  )
}
