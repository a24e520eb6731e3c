// Push-to-talk for the office window: while it is on, holding the talk key (Space unless this
// device chose another; outside a text field) unmutes and letting go mutes; so does leaving the
// window, since its key-up would never come.

export const TALK_KEY = 'Space'

/** Keys that cannot be the talk key: they move focus, close dialogs, or only modify other keys. */
const RESERVED_KEYS = new Set(['Tab', 'Escape', 'Enter', 'NumpadEnter', 'Backspace', 'ShiftLeft', 'ShiftRight', 'ControlLeft', 'ControlRight', 'AltLeft', 'AltRight', 'MetaLeft', 'MetaRight', 'CapsLock'])

/** A KeyboardEvent.code a member may hold to talk; null with the reason it cannot be. */
export function talkKeyProblem(code: string): string | null {
  if (RESERVED_KEYS.has(code)) return `${keyName(code)} is kept for moving around Hallway: press another key.`
  if (!/^[A-Za-z0-9]{1,32}$/.test(code)) return 'That key cannot be told apart: press another key.'
  return null
}

/** "KeyT" → "T", "Digit5" → "5", "Space" → "Space", "F13" → "F13". */
export function keyName(code: string): string {
  const match = /^(?:Key|Digit)(.)$/.exec(code)
  return match ? match[1]! : code.replace(/([a-z])([A-Z])/g, '$1 $2')
}

/** A text field, select or editable element takes Space as typing, not as talking. */
export function isTypingTarget(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false
  const element = target as { tagName?: unknown; isContentEditable?: unknown }
  return element.isContentEditable === true || (typeof element.tagName === 'string' && ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName))
}

interface TalkKeyEvent extends Event {
  readonly code: string
  readonly repeat: boolean
}

/** Mutes at once (push-to-talk starts silent), then follows the key; returns the stop, which mutes if held. */
export function startPushToTalk(windowTarget: EventTarget, setMic: (on: boolean) => void, talkKey = TALK_KEY): () => void {
  let held = false
  const release = () => {
    if (!held) return
    held = false
    setMic(false)
  }
  const onKeyDown = (event: Event) => {
    const key = event as TalkKeyEvent
    if (key.code !== talkKey || isTypingTarget(key.target)) return
    // Space would otherwise press the focused button or scroll the page.
    event.preventDefault()
    if (held || key.repeat) return
    held = true
    setMic(true)
  }
  const onKeyUp = (event: Event) => {
    if ((event as TalkKeyEvent).code !== talkKey || !held) return
    event.preventDefault()
    release()
  }
  windowTarget.addEventListener('keydown', onKeyDown)
  windowTarget.addEventListener('keyup', onKeyUp)
  windowTarget.addEventListener('blur', release)
  setMic(false)
  return () => {
    windowTarget.removeEventListener('keydown', onKeyDown)
    windowTarget.removeEventListener('keyup', onKeyUp)
    windowTarget.removeEventListener('blur', release)
    release()
  }
}
