import { describe, expect, it } from 'vitest'
import { IdleTracker } from './idle-tracker'

describe('IdleTracker', () => {
  const clock = () => {
    let t = 1_000
    return { now: () => t, advance: (ms: number) => (t += ms) }
  }

  it('counts idle time from the last input', () => {
    const c = clock()
    const tracker = new IdleTracker({ now: c.now })
    c.advance(45_000)
    expect(tracker.tick()).toBe(45_000)
    tracker.input()
    c.advance(5_000)
    expect(tracker.idleMs()).toBe(5_000)
  })

  it('reports input at once only after an idle stretch was reported', () => {
    const c = clock()
    const tracker = new IdleTracker({ now: c.now, wakeAfterMs: 30_000 })
    c.advance(10_000)
    expect(tracker.tick()).toBe(10_000)
    expect(tracker.input()).toBe(false)

    c.advance(11 * 60_000)
    expect(tracker.tick()).toBe(11 * 60_000)
    expect(tracker.input()).toBe(true)
    // Once back, further input waits for the regular tick.
    expect(tracker.input()).toBe(false)
    expect(tracker.tick()).toBe(0)
  })
})
