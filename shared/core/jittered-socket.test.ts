import { describe, expect, it } from 'vitest'
import { CloseCode, comebackOf, drainingReason } from '../contract/close-codes'
import { COMEBACK_MS, ReconnectSchedule, defaultBackoff, jitterDelay } from './jittered-socket'

describe('jitterDelay', () => {
  it('connects at once first, then spreads retries over a doubling, capped window', () => {
    const max = { ...defaultBackoff, random: () => 0.999999 }
    const min = { ...defaultBackoff, random: () => 0 }
    expect(jitterDelay(max, 0)).toBe(0)
    expect(jitterDelay(max, 1)).toBeCloseTo(1000, 0)
    expect(jitterDelay(max, 3)).toBeCloseTo(4000, 0)
    expect(jitterDelay(max, 20)).toBeCloseTo(defaultBackoff.capMs, 0)
    expect(jitterDelay(min, 5)).toBe(0)
  })
})

describe('ReconnectSchedule', () => {
  /** When a connection that has been open long enough to count as healthy opened. */
  const longAgo = 1
  const setup = (random = 0.999999) => {
    let now = longAgo + defaultBackoff.stableMs
    const schedule = new ReconnectSchedule({ ...defaultBackoff, random: () => random }, () => now)
    schedule.nextDelay()
    return { schedule, advance: (ms: number) => (now += ms) }
  }

  it('after a 1012 naming a comeback window, every retry while the server is down draws from that window, not the doubling one', () => {
    const { schedule } = setup()
    schedule.closed(CloseCode.draining, drainingReason({ windowMs: 1200, afterMs: 0 }), longAgo)
    for (let refused = 0; refused < 6; refused++) {
      expect(schedule.nextDelay()).toBeCloseTo(1200, 0)
      schedule.closed(1006, '', 0)
    }
  })

  it('a 1012 without a window (an older server) starts at the drain attempt, and refusals double it', () => {
    const { schedule } = setup()
    schedule.closed(CloseCode.draining, 'server draining', longAgo)
    expect(schedule.nextDelay()).toBeCloseTo(defaultBackoff.baseMs * 2 ** defaultBackoff.drainAttempt, 0)
    schedule.closed(1006, '', 0)
    expect(schedule.nextDelay()).toBeCloseTo(defaultBackoff.baseMs * 2 ** (defaultBackoff.drainAttempt + 1), 0)
  })

  it("caps a server's window at the backoff cap, and doubling resumes once the comeback has lasted too long", () => {
    const { schedule, advance } = setup()
    schedule.closed(CloseCode.draining, drainingReason({ windowMs: 10 * defaultBackoff.capMs, afterMs: 0 }), longAgo)
    expect(schedule.nextDelay()).toBeCloseTo(defaultBackoff.capMs, 0)
    schedule.closed(1006, '', 0)
    advance(COMEBACK_MS)
    const attempts = schedule.attempts
    expect(schedule.nextDelay()).toBeCloseTo(Math.min(defaultBackoff.capMs, defaultBackoff.baseMs * 2 ** attempts), 0)
  })

  it('connected again ends the comeback: a later 1006 backs off by doubling, a later 1012 names its own window', () => {
    const { schedule } = setup()
    schedule.closed(CloseCode.draining, drainingReason({ windowMs: 700, afterMs: 0 }), longAgo)
    schedule.nextDelay()
    schedule.opened()
    schedule.closed(1006, '', 1)
    const attempts = schedule.attempts
    expect(schedule.nextDelay()).toBeCloseTo(defaultBackoff.baseMs * 2 ** attempts, 0)
    schedule.closed(CloseCode.draining, drainingReason({ windowMs: 900, afterMs: 0 }), 1)
    expect(schedule.nextDelay()).toBeCloseTo(900, 0)
  })

  it('after a 1012 naming when its successor starts, the first draw waits that long, then spreads over the window', () => {
    for (const random of [0, 0.999999]) {
      const { schedule } = setup(random)
      schedule.closed(CloseCode.draining, drainingReason({ windowMs: 2000, afterMs: 600 }), longAgo)
      expect(schedule.nextDelay()).toBeCloseTo(600 + random * 2000, 0)
    }
  })

  it('a retry refused because the successor started late draws from what is left of the window, never less than a quarter of it', () => {
    for (const [refusedAt, left] of [
      [600, 2000],
      [1100, 1500],
      [2200, 500],
      [2600, 500],
      [9000, 500],
    ] as const) {
      for (const random of [0, 0.5, 0.999999]) {
        const { schedule, advance } = setup(random)
        schedule.closed(CloseCode.draining, drainingReason({ windowMs: 2000, afterMs: 600 }), longAgo)
        schedule.nextDelay()
        advance(refusedAt)
        schedule.closed(1006, '', 0)
        expect(schedule.nextDelay()).toBeCloseTo(random * left, 0)
      }
    }
  })

  it('a retry drawn while the named start is still ahead waits only what is left of it', () => {
    const { schedule, advance } = setup(0)
    schedule.closed(CloseCode.draining, drainingReason({ windowMs: 2000, afterMs: 600 }), longAgo)
    advance(250)
    expect(schedule.nextDelay()).toBeCloseTo(350, 0)
  })

  it('Retry now: the next attempt waits nothing, whether the backoff had doubled or a 1012 named a window, and refusals double from the start again', () => {
    const { schedule } = setup()
    for (let refused = 0; refused < 6; refused++) {
      schedule.nextDelay()
      schedule.closed(1006, '', 0)
    }
    expect(schedule.nextDelay()).toBeCloseTo(defaultBackoff.capMs, 0)
    schedule.retryNow()
    expect(schedule.nextDelay()).toBe(0)
    schedule.closed(1006, '', 0)
    expect(schedule.nextDelay()).toBeCloseTo(defaultBackoff.baseMs * 2, 0)

    schedule.closed(CloseCode.draining, drainingReason({ windowMs: 2000, afterMs: 600 }), longAgo)
    schedule.retryNow()
    expect(schedule.nextDelay()).toBe(0)
  })

  it("caps a server's named start at the backoff cap", () => {
    const { schedule } = setup(0)
    schedule.closed(CloseCode.draining, drainingReason({ windowMs: 1000, afterMs: 10 * defaultBackoff.capMs }), longAgo)
    expect(schedule.nextDelay()).toBeCloseTo(defaultBackoff.capMs, 0)
  })
})

describe('the 1012 reason', () => {
  it('reads the window and the start from a well-formed reason, and nothing from a malformed one', () => {
    expect(comebackOf(drainingReason({ windowMs: 1500, afterMs: 420 }))).toEqual({ windowMs: 1500, afterMs: 420 })
    expect(comebackOf('server draining')).toBeNull()
    expect(comebackOf('come back within -5 ms')).toBeNull()
    expect(comebackOf('come back within 99999999999 ms')).toBeNull()
    expect(comebackOf('come back within 1500 ms after -3 ms')).toEqual({ windowMs: 1500, afterMs: 0 })
  })

  it("still reads an older server's reason, which names only the window: the comeback starts at once", () => {
    expect(comebackOf('server draining; come back within 1500 ms')).toEqual({ windowMs: 1500, afterMs: 0 })
  })

  it('keeps the window where an older client looks for it, so it still reads the window from a new reason', () => {
    const olderClientsPattern = /come back within (\d{1,7}) ms/
    expect(olderClientsPattern.exec(drainingReason({ windowMs: 2858, afterMs: 640 }))?.[1]).toBe('2858')
  })

  it('fits a WebSocket close reason (123 bytes) at the largest values it can name', () => {
    expect(new TextEncoder().encode(drainingReason({ windowMs: 9_999_999, afterMs: 9_999_999 })).byteLength).toBeLessThanOrEqual(123)
  })
})
