/** The desktop's global mute shortcut until the member picks another (an Electron accelerator). */
export const MUTE_SHORTCUT = 'CommandOrControl+Shift+M'

/** The modifiers the Settings row writes, in this order; Electron takes each of them on every platform. */
export const MODIFIERS = ['CommandOrControl', 'Control', 'Super', 'Alt', 'Shift'] as const

const MAX_LENGTH = 64
const NAMED_KEYS = new Set(['Space', 'Tab', 'Backspace', 'Delete', 'Insert', 'Return', 'Up', 'Down', 'Left', 'Right', 'Home', 'End', 'PageUp', 'PageDown'])
const PUNCTUATION = new Set(['-', '=', '[', ']', ';', "'", ',', '.', '/', '\\', '`'])

/** Whether `key` is one key Electron's accelerators name and the Settings row can write. */
export function isAcceleratorKey(key: string): boolean {
  return /^[A-Z0-9]$/.test(key) || /^F([1-9]|1[0-9]|2[0-4])$/.test(key) || NAMED_KEYS.has(key) || PUNCTUATION.has(key)
}

/**
 * Why `value` cannot be the mute shortcut, said to the member; null when it can. One key with at
 * least one modifier besides Shift: a shortcut heard in every app must not take a letter from typing.
 */
export function muteShortcutProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return 'That is not a shortcut.'
  const parts = value.split('+')
  const key = parts.pop()!
  const modifiers: readonly string[] = MODIFIERS
  if (!isAcceleratorKey(key)) return 'Use a letter, a digit, F1–F24 or a punctuation key, with Ctrl, Alt or the Windows/⌘ key.'
  if (parts.some((part) => !modifiers.includes(part)) || new Set(parts).size !== parts.length) return 'That is not a shortcut.'
  if (!parts.some((part) => part !== 'Shift')) return 'Hold Ctrl, Alt or the Windows/⌘ key too, so the shortcut does not take a key from typing.'
  return null
}

/** Main's answer about the mute shortcut: the one in effect, whether it works, and a choice another app holds. */
export interface MuteShortcutState {
  /** The shortcut main holds for muting (saved across restarts). */
  accelerator: string
  /** False when another app held it as Hallway started: it does nothing until changed. */
  registered: boolean
  /** The shortcut just asked for when another app holds it (nothing changed); otherwise null. */
  taken: string | null
}

/** A MuteShortcutState from whatever crossed the bridge; null when it is not one. */
export function readMuteShortcutState(value: unknown): MuteShortcutState | null {
  if (typeof value !== 'object' || value === null) return null
  const { accelerator, registered, taken } = value as Record<string, unknown>
  if (muteShortcutProblem(accelerator) !== null || typeof registered !== 'boolean') return null
  if (taken !== null && muteShortcutProblem(taken) !== null) return null
  return { accelerator: accelerator as string, registered, taken: taken as string | null }
}
