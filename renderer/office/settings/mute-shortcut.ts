import type { HallwayBridge } from '../../../shared/contract/electron-bridge'
import { MODIFIERS, isAcceleratorKey, readMuteShortcutState, type MuteShortcutState } from '../../../shared/contract/shortcuts'

/** The parts of a key press a shortcut is made of. */
export interface KeyPress {
  code: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  shiftKey: boolean
}

const CODE_KEYS: Record<string, string> = {
  Enter: 'Return',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Slash: '/',
  Backslash: '\\',
  Backquote: '`',
}

/** The key of a press by its place on the keyboard (the same shortcut whatever the layout), as an accelerator names it. */
function acceleratorKey(code: string): string | null {
  const key = /^Key[A-Z]$/.test(code) ? code.slice(3) : /^Digit[0-9]$/.test(code) ? code.slice(5) : (CODE_KEYS[code] ?? code)
  return isAcceleratorKey(key) ? key : null
}

/**
 * A key press as an Electron accelerator: Ctrl is CommandOrControl except on a Mac, where ⌘ is
 * and Ctrl is Control. Null while only modifiers are down, or for a key no accelerator names.
 */
export function acceleratorOfPress(press: KeyPress, platform: string): string | null {
  const key = acceleratorKey(press.code)
  if (key === null) return null
  const mac = platform === 'darwin'
  const held: Record<(typeof MODIFIERS)[number], boolean> = {
    CommandOrControl: mac ? press.metaKey : press.ctrlKey,
    Control: mac && press.ctrlKey,
    Super: !mac && press.metaKey,
    Alt: press.altKey,
    Shift: press.shiftKey,
  }
  return [...MODIFIERS.filter((modifier) => held[modifier]), key].join('+')
}

const MAC_NAMES: Record<string, string> = { CommandOrControl: '⌘', Control: '⌃', Super: '⌘', Alt: '⌥', Shift: '⇧' }
const PC_NAMES: Record<string, string> = { CommandOrControl: 'Ctrl', Control: 'Ctrl', Super: 'Win' }

/** An accelerator as this platform writes it: "CommandOrControl+Shift+M" → "⌘⇧M" on a Mac, "Ctrl+Shift+M" elsewhere. */
export function acceleratorLabel(accelerator: string, platform: string): string {
  const mac = platform === 'darwin'
  const names = mac ? MAC_NAMES : PC_NAMES
  return accelerator
    .split('+')
    .map((part) => names[part] ?? part)
    .join(mac ? '' : '+')
}

/** The mute shortcut as main holds it; null without the desktop bridge or when main's answer is not one. */
export async function readMuteShortcut(bridge: HallwayBridge | undefined): Promise<MuteShortcutState | null> {
  if (!bridge) return null
  return readMuteShortcutState(await bridge.muteShortcut.get().catch(() => null))
}

/** Asks main to mute with `accelerator` from now on: its answer, or the reason it gave for refusing. */
export async function chooseMuteShortcut(bridge: HallwayBridge, accelerator: string): Promise<MuteShortcutState | { refused: string }> {
  try {
    const state = readMuteShortcutState(await bridge.muteShortcut.set(accelerator))
    return state ?? { refused: 'Hallway could not change the shortcut. Try again.' }
  } catch (error) {
    // Electron prefixes a handler's error with where it came from; the member needs only the reason.
    const reason = error instanceof Error ? /Hallway could not change the shortcut:[^]*$/.exec(error.message)?.[0] : undefined
    return { refused: reason ?? 'Hallway could not change the shortcut. Try again.' }
  }
}
