import { describe, expect, it } from 'vitest'
import { comebackOf } from '../../shared/contract/close-codes'
import { defaultBackoff } from '../../shared/core/jittered-socket'
import { DrainPlan, comebackWindowMs, drainTailMs } from './drain-plan'

const GRACE = 500
const RESTART = 300

describe('a drain plan', () => {
  it('with no window closes everyone in one batch, and names the drain\'s tail plus the successor\'s start-up', () => {
    const plan = new DrainPlan(1000, { windowMs: 0, graceMs: GRACE, restartMs: RESTART }, 10_000)
    expect(plan.batches).toBe(1)
    expect(plan.batch(Array.from({ length: 1000 }, (_, i) => i), 0)).toHaveLength(1000)
    expect(plan.comebackAt(10_000)).toEqual({ windowMs: comebackWindowMs(1000), afterMs: drainTailMs(1000, GRACE) + RESTART })
    // Before this change D was the start-up alone: members retried while the old process still drained.
    expect(plan.comebackAt(10_000).afterMs).toBeGreaterThan(RESTART)
  })

  it('tells every batch of a windowed drain to wait until the same moment: the last batch, its tail, the exit, the successor\'s start', () => {
    const windowMs = 2000
    // Enough members for a comeback window past the drain window, so the closes take all of it.
    const members = 6000
    const plan = new DrainPlan(members, { windowMs, graceMs: GRACE, restartMs: RESTART }, 0)
    expect(plan.windowMs).toBe(windowMs)
    expect(plan.batches).toBe(40)
    const lastBatch = plan.batch(Array.from({ length: members }, (_, i) => i), plan.batches - 1).length
    const comesBackAt = new Set<number>()
    for (let i = 0; i < plan.batches; i++) {
      const sentAt = plan.batchAt(i)
      const { afterMs } = plan.comebackAt(sentAt)
      expect(afterMs).toBeCloseTo((windowMs * (plan.batches - 1 - i)) / plan.batches + drainTailMs(lastBatch, GRACE) + RESTART, 6)
      comesBackAt.add(Math.round(sentAt + afterMs))
    }
    expect([...comesBackAt]).toEqual([Math.round(plan.exitAt + RESTART)])
    // The first batch waits out nearly the whole window more than the last one.
    expect(plan.comebackAt(plan.batchAt(0)).afterMs - plan.comebackAt(plan.batchAt(plan.batches - 1)).afterMs).toBeCloseTo((windowMs * 39) / 40, 6)
  })

  it('spreads the closes over the drain window or the comeback window it names, whichever is shorter', () => {
    const lastClose = (members: number, windowMs: number) => {
      const plan = new DrainPlan(members, { windowMs, graceMs: GRACE, restartMs: RESTART }, 0)
      return plan.batchAt(plan.batches - 1)
    }
    // Three members under the 5 s default: told to come back within 0.5 s, closed within it too.
    expect(comebackWindowMs(3)).toBe(500)
    expect(lastClose(3, 5000)).toBeCloseTo((500 * 2) / 3, 6)
    // 4,000 members come back over 1.6 s: the closes take no longer.
    expect(comebackWindowMs(4000)).toBe(1600)
    expect(lastClose(4000, 5000)).toBeCloseTo((1600 * 31) / 32, 6)
    // Past 12,500 members the comeback window is longer than 5 s: the drain window holds.
    expect(lastClose(20_000, 5000)).toBeCloseTo((5000 * 99) / 100, 6)
    // No window stays one batch at once.
    expect(lastClose(4000, 0)).toBe(0)
  })

  it('gives one refused mid-drain the same moment, and never less than the start-up once the exit is overdue', () => {
    const plan = new DrainPlan(100, { windowMs: 1000, graceMs: GRACE, restartMs: RESTART }, 0)
    expect(400 + plan.comebackAt(400).afterMs).toBeCloseTo(plan.exitAt + RESTART, 6)
    expect(plan.comebackAt(plan.exitAt + 5000).afterMs).toBe(RESTART)
    expect(comebackOf(plan.reasonAt(400))).toEqual({ windowMs: comebackWindowMs(100), afterMs: Math.round(plan.exitAt + RESTART - 400) })
  })

  it('closes every member exactly once, in batches that differ by at most one', () => {
    for (const [members, windowMs] of [[0, 5000], [1, 5000], [7, 5000], [1000, 5000], [1001, 333], [50, 0]] as const) {
      const plan = new DrainPlan(members, { windowMs, graceMs: GRACE, restartMs: 0 }, 0)
      const all = Array.from({ length: members }, (_, i) => i)
      const batches = Array.from({ length: plan.batches }, (_, i) => plan.batch(all, i))
      expect(batches.flat()).toEqual(all)
      const sizes = batches.map((batch) => batch.length)
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
    }
  })
})

describe('a drain plan timing its own close loop', () => {
  it('moves the named exit later when the loop runs slower than measured (a shared core), never earlier than measured, and not on a handful of closes', () => {
    const plan = () => new DrainPlan(1000, { windowMs: 0, graceMs: GRACE, restartMs: RESTART }, 0)
    const measured = plan().comebackAt(0).afterMs
    const slow = plan()
    // 0.4 ms a close: reading the answers is taken to cost as much again, up to the grace.
    slow.timed(200, 80)
    expect(slow.comebackAt(0).afterMs).toBe(drainTailMs(1000, GRACE, 0.8) + RESTART)
    expect(slow.comebackAt(0).afterMs).toBeGreaterThan(measured)
    const fast = plan()
    fast.timed(200, 1)
    expect(fast.comebackAt(0).afterMs).toBe(measured)
    const few = plan()
    few.timed(10, 100)
    expect(few.comebackAt(0).afterMs).toBe(measured)
  })
})

describe("the drain's tail", () => {
  it('grows with the last batch, its answers bounded by the grace (the rest are cut), and always holds the exit', () => {
    expect(drainTailMs(0, GRACE)).toBe(drainTailMs(0, 0))
    expect(drainTailMs(1000, GRACE)).toBeGreaterThan(drainTailMs(10, GRACE))
    expect(drainTailMs(1_000_000, GRACE)).toBe(drainTailMs(0, GRACE) + GRACE)
    expect(drainTailMs(1_000_000, 0)).toBe(drainTailMs(0, 0))
  })
})

describe('comeback window', () => {
  it('spreads the members a drain closes so their admissions, at the measured 0.4 ms each, take the whole core while the wave lasts; from a 0.5 s floor to the clients\' cap', () => {
    const coreShare = (members: number) => (members * 0.4) / comebackWindowMs(members)
    expect(comebackWindowMs(0)).toBe(500)
    expect(comebackWindowMs(3)).toBe(500)
    for (const members of [1250, 2000, 4000, 8000, 20_000]) {
      expect(coreShare(members)).toBe(1)
    }
    expect(comebackWindowMs(2000)).toBe(800)
    expect(comebackWindowMs(4000)).toBe(1600)
    // Past 20,000 members the clients' 8 s cap rules: they would cut a longer window to it.
    expect(comebackWindowMs(30_000)).toBe(defaultBackoff.capMs)
  })
})
