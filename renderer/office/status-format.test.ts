import { describe, expect, it } from 'vitest'
import { expiryUntil, statusDraft, statusLine, untilText } from './status-format'

// Local wall-clock times, whatever zone the test runs in.
const at = (h: number, m = 0, day = 15) => new Date(2025, 4, day, h, m).getTime()

describe('status format', () => {
  it('turns an expiry choice into an until', () => {
    const now = at(10, 0)
    expect(expiryUntil('none', now)).toBeNull()
    expect(expiryUntil('30m', now)).toBe(at(10, 30))
    expect(expiryUntil('1h', now)).toBe(at(11, 0))
    expect(expiryUntil('today', now)).toBe(new Date(2025, 4, 15, 23, 59, 59).getTime())
    expect(expiryUntil('keep', now, 1234)).toBe(1234)
  })

  it('says until when: a time today, a weekday and time later', () => {
    expect(untilText(at(15, 30), at(10), 'en-GB')).toBe('until 15:30')
    expect(untilText(at(9, 0, 16), at(10), 'en-GB')).toBe('until Fri 09:00')
  })

  it('puts a status on one line: a shipped symbol is left to its image, legacy free-text emoji stays as typed', () => {
    expect(statusLine({ emoji: 'emoji:headphones', text: 'Focusing', until: at(11), dnd: true }, at(10), 'en-GB')).toBe('Focusing · until 11:00 · Do not disturb')
    expect(statusLine({ emoji: '🎧', text: 'Focusing', until: null, dnd: false }, at(10))).toBe('🎧 Focusing')
    expect(statusLine({ emoji: 'emoji:unicorn', text: 'Focusing', until: null, dnd: false }, at(10))).toBe('Focusing')
    expect(statusLine({ emoji: '', text: 'Lunch', until: null, dnd: false }, at(10))).toBe('Lunch')
    expect(statusLine({ emoji: '', text: '', until: null, dnd: true }, at(10))).toBe('Do not disturb')
  })

  it('trims a draft to what the model accepts', () => {
    expect(statusDraft('  In a meeting  ')).toBe('In a meeting')
    expect(statusDraft('x'.repeat(150))).toHaveLength(100)
  })
})
