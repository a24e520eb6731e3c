import { createSignal, type Accessor } from 'solid-js'

/** How a one-line notice reads: a failure to act on, or plain news. */
export type NoticeTone = 'error' | 'info'

export interface Notice {
  readonly id: number
  readonly text: string
  readonly tone: NoticeTone
}

/** News is read at a glance; a failure stays until dismissed or replaced, since it says what to do. */
export const INFO_NOTICE_MS = 8_000
/** Older notices beyond this are dropped, so the stack never covers the office. */
export const MAX_NOTICES = 3

export interface NoticeStack {
  /** Newest first. */
  readonly notices: Accessor<readonly Notice[]>
  /** Shows a notice on top; the same text again moves to the top instead of showing twice. */
  push(text: string, tone: NoticeTone): void
  dismiss(id: number): void
  /** A new attempt replaces the failures of earlier ones. */
  clearErrors(): void
  clear(): void
}

export function createNoticeStack(): NoticeStack {
  const [notices, setNotices] = createSignal<readonly Notice[]>([])
  const timers = new Map<number, ReturnType<typeof setTimeout>>()
  let nextId = 1

  const dismiss = (id: number) => {
    clearTimeout(timers.get(id))
    timers.delete(id)
    setNotices((list) => list.filter((notice) => notice.id !== id))
  }
  const dismissWhere = (drop: (notice: Notice) => boolean) => notices().filter(drop).forEach((notice) => dismiss(notice.id))

  return {
    notices,
    push(text, tone) {
      dismissWhere((notice) => notice.text === text)
      const id = nextId++
      setNotices((list) => [{ id, text, tone }, ...list])
      dismissWhere((notice) => notices().indexOf(notice) >= MAX_NOTICES)
      if (tone === 'info') timers.set(id, setTimeout(() => dismiss(id), INFO_NOTICE_MS))
    },
    dismiss,
    clearErrors: () => dismissWhere((notice) => notice.tone === 'error'),
    clear: () => dismissWhere(() => true),
  }
}
