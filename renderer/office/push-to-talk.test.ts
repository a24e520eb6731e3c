import { describe, expect, it } from 'vitest'
import { isTypingTarget, keyName, startPushToTalk, talkKeyProblem } from './push-to-talk'

function key(type: 'keydown' | 'keyup', code: string, options: { repeat?: boolean; target?: unknown } = {}): Event {
  const event = Object.assign(new Event(type, { cancelable: true }), { code, repeat: options.repeat ?? false })
  // In a page the key event comes from the focused element; here the window itself dispatches it.
  if (options.target) Object.defineProperty(event, 'target', { value: options.target })
  return event
}

function harness(talkKey?: string) {
  const window = new EventTarget()
  const mic: boolean[] = []
  const stop = startPushToTalk(window, (on) => mic.push(on), talkKey)
  const send = (event: Event) => {
    window.dispatchEvent(event)
    return event.defaultPrevented
  }
  return { window, mic, stop, send }
}

describe('push-to-talk', () => {
  it('starts muted, talks while Space is held and mutes on release', () => {
    const { mic, send } = harness()
    expect(mic).toEqual([false])
    expect(send(key('keydown', 'Space'))).toBe(true)
    send(key('keydown', 'Space', { repeat: true }))
    send(key('keydown', 'Space'))
    expect(mic).toEqual([false, true])
    expect(send(key('keyup', 'Space'))).toBe(true)
    expect(mic).toEqual([false, true, false])
  })

  it('mutes when the window loses focus mid-press, and ignores the late key-up', () => {
    const { window, mic, send } = harness()
    send(key('keydown', 'Space'))
    window.dispatchEvent(new Event('blur'))
    expect(mic).toEqual([false, true, false])
    expect(send(key('keyup', 'Space'))).toBe(false)
    expect(mic).toEqual([false, true, false])
  })

  it('leaves Space to text fields and other keys alone', () => {
    const { mic, send } = harness()
    expect(send(key('keydown', 'Space', { target: { tagName: 'INPUT' } }))).toBe(false)
    expect(send(key('keydown', 'Space', { target: { tagName: 'DIV', isContentEditable: true } }))).toBe(false)
    expect(send(key('keydown', 'KeyM'))).toBe(false)
    expect(mic).toEqual([false])
    // A button is not a field: holding Space talks instead of pressing it.
    expect(send(key('keydown', 'Space', { target: { tagName: 'BUTTON' } }))).toBe(true)
    expect(mic).toEqual([false, true])
  })

  it('mutes when stopped while held, then hears nothing more', () => {
    const { mic, stop, send } = harness()
    send(key('keydown', 'Space'))
    stop()
    send(key('keydown', 'Space'))
    expect(mic).toEqual([false, true, false])
  })

  it('follows the key this device chose instead of Space', () => {
    const { mic, send } = harness('KeyT')
    expect(send(key('keydown', 'Space'))).toBe(false)
    expect(mic).toEqual([false])
    expect(send(key('keydown', 'KeyT'))).toBe(true)
    expect(send(key('keyup', 'KeyT'))).toBe(true)
    expect(mic).toEqual([false, true, false])
  })

  it('refuses keys kept for moving around, and names keys as people say them', () => {
    expect(talkKeyProblem('Tab')).toMatch(/Tab is kept/)
    expect(talkKeyProblem('ShiftLeft')).toMatch(/Shift Left is kept/)
    expect(talkKeyProblem('')).toMatch(/cannot be told apart/)
    expect(talkKeyProblem('Backquote')).toBeNull()
    expect([keyName('KeyT'), keyName('Digit5'), keyName('Space'), keyName('F13'), keyName('ArrowUp')]).toEqual(['T', '5', 'Space', 'F13', 'Arrow Up'])
  })

  it('knows typing targets', () => {
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true)
    expect(isTypingTarget({ tagName: 'SELECT' })).toBe(true)
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false)
    expect(isTypingTarget(null)).toBe(false)
  })
})
