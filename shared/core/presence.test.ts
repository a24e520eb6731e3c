import { describe, expect, it } from 'vitest'
import { initialPresence, readPresence } from './presence'

describe('readPresence', () => {
  it('reads a state object once: the same frozen reading each time, and a new object is read afresh', () => {
    const state = { ...initialPresence('ada', 'Ada', 'web'), room: 'a' }
    const reading = readPresence(state)
    expect(reading).toMatchObject({ user: 'ada', room: 'a', knock: null })
    expect(readPresence(state)).toBe(reading)
    expect(Object.isFrozen(reading)).toBe(true)
    expect(readPresence({ ...state, room: 'b' })?.room).toBe('b')
  })

  it('reads garbage, and anything not an object, as no presence', () => {
    const garbage = { user: 42 }
    expect(readPresence(garbage)).toBeNull()
    expect(readPresence(garbage)).toBeNull()
    for (const value of [null, undefined, 'ada', 7]) expect(readPresence(value)).toBeNull()
  })
})
