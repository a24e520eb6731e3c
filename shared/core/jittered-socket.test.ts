import { describe, expect, it } from 'vitest'
import { CloseCode, comebackWindowOf, drainingReason } from '../contract/close-codes'
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
  const setup = () => {
    let now = longAgo + defaultBackoff.stableMs
    const schedule = new ReconnectSchedule({ ...defaultBackoff, random: () => 0.999999 }, () => now)
    schedule.nextDelay()
    return { schedule, advance: (ms: number) => (now += ms) }
  }

  it('after a 1012 naming a comeback window, every retry while the server is down draws from that window, not the doubling one', () => {
    const { schedule } = setup()
    schedule.closed(CloseCode.draining, drainingReason(1200), longAgo)
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
    schedule.closed(CloseCode.draining, drainingReason(10 * defaultBackoff.capMs), longAgo)
    expect(schedule.nextDelay()).toBeCloseTo(defaultBackoff.capMs, 0)
    schedule.closed(1006, '', 0)
    advance(COMEBACK_MS)
    const attempts = schedule.attempts
    expect(schedule.nextDelay()).toBeCloseTo(Math.min(defaultBackoff.capMs, defaultBackoff.baseMs * 2 ** attempts), 0)
  })

  it('connected again ends the comeback: a later 1006 backs off by doubling, a later 1012 names its own window', () => {
    const { schedule } = setup()
    schedule.closed(CloseCode.draining, drainingReason(700), longAgo)
    schedule.nextDelay()
    schedule.opened()
    schedule.closed(1006, '', 1)
    const attempts = schedule.attempts
    expect(schedule.nextDelay()).toBeCloseTo(defaultBackoff.baseMs * 2 ** attempts, 0)
    schedule.closed(CloseCode.draining, drainingReason(900), 1)
    expect(schedule.nextDelay()).toBeCloseTo(900, 0)
  })

  it('reads a window only from a well-formed reason', () => {
    expect(comebackWindowOf(drainingReason(1500))).toBe(1500)
    expect(comebackWindowOf('server draining')).toBeNull()
    expect(comebackWindowOf('come back within -5 ms')).toBeNull()
    expect(comebackWindowOf('come back within 99999999999 ms')).toBeNull()
  })
})
