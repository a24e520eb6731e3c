import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { IdleGc, scheduleIdleGc, type IdleGcCollected, type IdleGcPolicy } from './idle-gc'

const MB = 1024 * 1024
const policy: IdleGcPolicy = { minGrowthBytes: 4 * MB, minIntervalMs: 30_000, maxBusyShare: 0.5, maxConnectsPerCheck: 20, quietMs: 20 }
const CHECK_MS = 2000

/** The schedule on vitest's clock: a heap that grew, a calm loop, and traffic the test starts and stops. */
function scheduled() {
  const state = { heap: 10 * MB, frames: 0, collectedAt: [] as number[], outcomes: [] as IdleGcCollected[] }
  const gc = new IdleGc(
    {
      now: () => Date.now(),
      heapUsedBytes: () => state.heap,
      loopBusyShareSinceLastCall: () => 0.1,
      connectionsOpened: () => 0,
      framesMoved: () => state.frames,
    },
    () => {
      state.heap = 10 * MB
      state.collectedAt.push(Date.now())
    },
    policy,
  )
  // Grown since the schedule started.
  state.heap = 30 * MB
  const stop = scheduleIdleGc(gc, CHECK_MS, (outcome) => state.outcomes.push(outcome))
  /** A frame every 5 ms until `untilMs` (the same clock). */
  const traffic = (untilMs: number) => {
    const timer = setInterval(() => {
      if (Date.now() >= untilMs) return clearInterval(timer)
      state.frames++
    }, 5)
  }
  return { state, stop, traffic }
}

describe('idle full GC schedule', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'Date'], now: 0 }))
  afterEach(() => vi.useRealTimers())

  it('collects in the first quiet stretch after the traffic stops, not while frames move', () => {
    const { state, stop, traffic } = scheduled()
    traffic(2500)
    vi.advanceTimersByTime(2499)
    expect(state.collectedAt).toEqual([])
    vi.advanceTimersByTime(1000)
    expect(state.collectedAt).toHaveLength(1)
    // Quiet from 2,500 ms: a look at 2,520 at the earliest, one within 1.5 stretches.
    expect(state.collectedAt[0]).toBeGreaterThanOrEqual(2500 + policy.quietMs)
    expect(state.collectedAt[0]).toBeLessThanOrEqual(2500 + 1.5 * policy.quietMs)
    expect(state.outcomes).toMatchObject([{ collected: true, moment: 'gap', freedBytes: 20 * MB }])
    stop()
  })

  it('in traffic that never pauses, never collects; once it pauses, collects in that gap', () => {
    const { state, stop, traffic } = scheduled()
    traffic(60_000)
    vi.advanceTimersByTime(60_000)
    expect(state.collectedAt).toEqual([])
    vi.advanceTimersByTime(3000)
    expect(state.outcomes).toMatchObject([{ collected: true, moment: 'gap' }])
    expect(state.collectedAt[0]).toBeLessThanOrEqual(60_000 + 1.5 * policy.quietMs)
    stop()
  })

  it('after stop, neither checks, looks nor a pending collection run', () => {
    const { state, stop, traffic } = scheduled()
    traffic(2500)
    vi.advanceTimersByTime(2510)
    stop()
    vi.advanceTimersByTime(60_000)
    expect(state.collectedAt).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })
})
