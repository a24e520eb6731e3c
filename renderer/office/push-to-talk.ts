// Push-to-talk for the office window: while it is on, holding Space (outside a text field)
// unmutes and letting go mutes; so does leaving the window, since its key-up would never come.

export const TALK_KEY = 'Space'

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
export function startPushToTalk(windowTarget: EventTarget, setMic: (on: boolean) => void): () => void {
  let held = false
  const release = () => {
    if (!held) return
    held = false
    setMic(false)
  }
  const onKeyDown = (event: Event) => {
    const key = event as TalkKeyEvent
    if (key.code !== TALK_KEY || isTypingTarget(key.target)) return
    // Space would otherwise press the focused button or scroll the page.
    event.preventDefault()
    if (held || key.repeat) return
    held = true
    setMic(true)
  }
  const onKeyUp = (event: Event) => {
    if ((event as TalkKeyEvent).code !== TALK_KEY || !held) return
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
