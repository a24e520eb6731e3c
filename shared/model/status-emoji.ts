import { Limits } from './limits'

/**
 * The status symbols the app ships as images (resources/status-emoji/emoji-ID.svg, drawn by
 * scripts/generate-status-emoji.ts), so a status looks the same on every machine, with or
 * without an emoji font. A status stores `emoji:<id>`; ids stay short so the value fits
 * Limits.statusEmoji, which older readers still enforce.
 */
export const STATUS_EMOJI = [
  { id: 'calendar', label: 'Calendar' },
  { id: 'focus', label: 'Focus' },
  { id: 'headphones', label: 'Headphones' },
  { id: 'coffee', label: 'Coffee' },
  { id: 'lunch', label: 'Lunch' },
  { id: 'bus', label: 'Bus' },
  { id: 'train', label: 'Train' },
  { id: 'plane', label: 'Plane' },
  { id: 'house', label: 'House' },
  { id: 'palm', label: 'Palm tree' },
  { id: 'sick', label: 'Thermometer' },
  { id: 'moon', label: 'Moon' },
  { id: 'sun', label: 'Sun' },
  { id: 'phone', label: 'Phone' },
  { id: 'video', label: 'Video camera' },
  { id: 'chat', label: 'Speech bubble' },
  { id: 'laptop', label: 'Laptop' },
  { id: 'pencil', label: 'Pencil' },
  { id: 'book', label: 'Book' },
  { id: 'bug', label: 'Bug' },
  { id: 'rocket', label: 'Rocket' },
  { id: 'check', label: 'Check mark' },
  { id: 'clock', label: 'Clock' },
  { id: 'pause', label: 'Pause' },
  { id: 'star', label: 'Star' },
  { id: 'heart', label: 'Heart' },
  { id: 'gym', label: 'Dumbbell' },
  { id: 'party', label: 'Party' },
] as const

export type StatusEmojiId = (typeof STATUS_EMOJI)[number]['id']

const PREFIX = 'emoji:'
const byId = new Map<string, (typeof STATUS_EMOJI)[number]>(STATUS_EMOJI.map((entry) => [entry.id, entry]))

/** The value a status stores for a shipped symbol. */
export function statusEmojiValue(id: StatusEmojiId): string {
  return PREFIX + id
}

/** Whether a status may be written with this emoji value: none, or a shipped symbol. */
export function isWritableStatusEmoji(value: string): boolean {
  return value === '' || (value.startsWith(PREFIX) && byId.has(value.slice(PREFIX.length)) && value.length <= Limits.statusEmoji)
}

/**
 * What a stored status emoji shows: a shipped image; free text written before the picker existed
 * (shown as text); or nothing, for none or a symbol this version does not ship.
 */
export type StatusEmojiReading = { kind: 'image'; id: StatusEmojiId; label: string } | { kind: 'text'; text: string } | null

export function readStatusEmoji(value: string): StatusEmojiReading {
  if (!value) return null
  if (!value.startsWith(PREFIX)) return { kind: 'text', text: value }
  const entry = byId.get(value.slice(PREFIX.length))
  return entry ? { kind: 'image', id: entry.id, label: entry.label } : null
}
