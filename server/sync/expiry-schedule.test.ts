import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ExpirySchedule } from './expiry-schedule'

const START_S = 1_000_000

describe('ExpirySchedule', () => {
  beforeEach(() => vi.useFakeTimers({ now: START_S * 1000 }))
  afterEach(() => vi.useRealTimers())

  it('expires each item at its own second and not before, with one timer for all of them', () => {
    const expired: string[] = []
    const schedule = new ExpirySchedule<string>((item) => expired.push(item))
    schedule.add('late', START_S + 5)
    schedule.add('early', START_S + 2)
    schedule.add('early-too', START_S + 2)
    expect(vi.getTimerCount()).toBe(1)
    vi.advanceTimersByTime(1999)
    expect(expired).toEqual([])
    vi.advanceTimersByTime(1)
    expect(expired).toEqual(['early', 'early-too'])
    vi.advanceTimersByTime(2999)
    expect(expired).toEqual(['early', 'early-too'])
    vi.advanceTimersByTime(1)
    expect(expired).toEqual(['early', 'early-too', 'late'])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('never expires a deleted item, and still expires the others after its second empties', () => {
    const expired: string[] = []
    const schedule = new ExpirySchedule<string>((item) => expired.push(item))
    schedule.add('closed', START_S + 1)
    schedule.add('open', START_S + 3)
    schedule.delete('closed', START_S + 1)
    vi.advanceTimersByTime(3000)
    expect(expired).toEqual(['open'])
  })

  it('expires an already expired item on the next turn', () => {
    const expired: string[] = []
    const schedule = new ExpirySchedule<string>((item) => expired.push(item))
    schedule.add('stale', START_S - 1)
    vi.advanceTimersByTime(0)
    expect(expired).toEqual(['stale'])
  })

  it('expires nothing once stopped', () => {
    const expired: string[] = []
    const schedule = new ExpirySchedule<string>((item) => expired.push(item))
    schedule.add('a', START_S + 1)
    schedule.stop()
    vi.advanceTimersByTime(5000)
    expect(expired).toEqual([])
  })
})
