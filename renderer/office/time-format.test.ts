import { describe, expect, it } from 'vitest'
import { localTime, messageTime } from './time-format'

describe('times', () => {
  const now = new Date(2025, 4, 15, 18, 0).getTime()
  it('shows a message time today, with the date before', () => {
    expect(messageTime(new Date(2025, 4, 15, 9, 5).getTime(), now, 'en-GB')).toBe('09:05')
    expect(messageTime(new Date(2025, 2, 3, 14, 5).getTime(), now, 'en-GB')).toBe('3 Mar, 14:05')
  })

  it('shows a member\'s local time, or nothing for an unknown zone', () => {
    expect(localTime('UTC', Date.UTC(2025, 0, 1, 13, 7), 'en-GB')).toBe('13:07')
    expect(localTime('Not/AZone', now)).toBeNull()
    expect(localTime('', now)).toBeNull()
  })

  it('keeps one clock per locale and zone: a second locale, a second zone and a repeated unknown zone each read right', () => {
    const at = Date.UTC(2025, 0, 1, 13, 7)
    expect(localTime('UTC', at, 'en-GB')).toBe('13:07')
    expect(localTime('UTC', at, 'en-US')).toBe('01:07 PM')
    expect(localTime('Asia/Tokyo', at, 'en-GB')).toBe('22:07')
    expect(localTime('UTC', at + 60_000, 'en-GB')).toBe('13:08')
    expect(localTime('Not/AZone', at)).toBeNull()
    expect(localTime('Not/AZone', at)).toBeNull()
  })
})
