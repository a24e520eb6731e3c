import type { MemberView } from '../../shared/contract/view'
import { Limits } from '../../shared/model/limits'
import { readStatusEmoji, type StatusEmojiId } from '../../shared/model/status-emoji'

export type Status = NonNullable<MemberView['status']>

/** When a status clears itself: never, after a while, or at the end of the local day. */
export type Expiry = 'keep' | 'none' | '30m' | '1h' | 'today'

export const EXPIRY_LABELS: Record<Exclude<Expiry, 'keep'>, string> = {
  none: "Don't clear",
  '30m': '30 minutes',
  '1h': '1 hour',
  today: 'Today',
}

/** Quick picks for the status dialog. */
export const STATUS_PRESETS: ReadonlyArray<{ emoji: StatusEmojiId; text: string; expiry: Exclude<Expiry, 'keep'> }> = [
  { emoji: 'calendar', text: 'In a meeting', expiry: '1h' },
  { emoji: 'headphones', text: 'Focusing', expiry: '1h' },
  { emoji: 'lunch', text: 'Lunch', expiry: '30m' },
  { emoji: 'bus', text: 'Commuting', expiry: '30m' },
  { emoji: 'sick', text: 'Out sick', expiry: 'today' },
  { emoji: 'palm', text: 'On vacation', expiry: 'none' },
]

/** The `until` a choice means at `now`; 'keep' leaves the current expiry as it is. */
export function expiryUntil(choice: Expiry, now: number, current: number | null = null): number | null {
  switch (choice) {
    case 'keep':
      return current
    case 'none':
      return null
    case '30m':
      return now + 30 * 60_000
    case '1h':
      return now + 60 * 60_000
    case 'today': {
      const end = new Date(now)
      end.setHours(23, 59, 59, 0)
      return end.getTime()
    }
  }
}

const sameDay = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate()

/** "until 15:30", or "until Tue 09:00" when it is not today. */
export function untilText(until: number, now: number, locale?: string): string {
  const end = new Date(until)
  const time = end.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
  if (sameDay(end, new Date(now))) return `until ${time}`
  return `until ${end.toLocaleDateString(locale, { weekday: 'short' })} ${time}`
}

/**
 * One line of text for a status: "Focusing · until 15:30 · Do not disturb". A shipped symbol is an
 * image shown beside it, never text; legacy free-text emoji leads the line as it was typed.
 */
export function statusLine(status: Status, now: number, locale?: string): string {
  const emoji = readStatusEmoji(status.emoji)
  const parts = [[emoji?.kind === 'text' ? emoji.text : '', status.text].filter(Boolean).join(' ')]
  if (status.until !== null) parts.push(untilText(status.until, now, locale))
  if (status.dnd) parts.push('Do not disturb')
  return parts.filter(Boolean).join(' · ')
}

/** Trims and caps what a person typed to what the model accepts, so Save never fails on length. */
export function statusDraft(text: string): string {
  return text.trim().slice(0, Limits.statusText)
}
