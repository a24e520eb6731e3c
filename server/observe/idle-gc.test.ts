import { afterAll, describe, expect, it } from 'vitest'
import { readMetric, removeTempDirs, startTestServer, tempDir, waitFor } from '../testing/harness'
import { IdleGc, processProbe, type IdleGcPolicy, type IdleGcProbe } from './idle-gc'

afterAll(removeTempDirs)

const MB = 1024 * 1024
const policy: IdleGcPolicy = { minGrowthBytes: 4 * MB, minIntervalMs: 30_000, maxBusyShare: 0.5, maxConnectsPerCheck: 20, quietMs: 20 }

/** A heap, loop, traffic and clock the test sets by hand; the GC drops the heap to what is live. */
function fakeProcess() {
  const state = { now: 0, heap: 10 * MB, live: 10 * MB, busy: 0.1, connects: 0, frames: 0, collections: 0 }
  const probe: IdleGcProbe = {
    now: () => state.now,
    heapUsedBytes: () => state.heap,
    loopBusyShareSinceLastCall: () => state.busy,
    connectionsOpened: () => state.connects,
    framesMoved: () => state.frames,
  }
  const fullGc = () => {
    state.collections++
    state.heap = state.live
    state.now += 12
  }
  return { state, gc: new IdleGc(probe, fullGc, policy) }
}

/** A due check, a quiet stretch, the quiet look and its confirmation: what the schedule does when nothing moves. */
function collectWhenQuiet({ state, gc }: ReturnType<typeof fakeProcess>) {
  expect(gc.check()).toEqual({ due: true })
  state.now += policy.quietMs
  expect(gc.look()).toEqual({ collected: false, reason: 'quiet' })
  return gc.collectIfStillQuiet()
}

describe('idle full GC policy: when a collection is due', () => {
  it('is due once the loop is calm and the heap grew past the threshold; collects in a quiet stretch and reports what it freed, the pause and the moment', () => {
    const process = fakeProcess()
    const { state, gc } = process
    state.heap += 3 * MB
    expect(gc.check()).toEqual({ due: false, reason: 'little-growth' })
    state.heap += 2 * MB
    expect(collectWhenQuiet(process)).toEqual({ collected: true, freedBytes: 5 * MB, pauseMs: 12, moment: 'gap' })
    expect(state.collections).toBe(1)
  })

  it('is not due while the loop is busy with traffic, and is once the traffic calms', () => {
    const process = fakeProcess()
    const { state, gc } = process
    state.heap += 20 * MB
    state.busy = 0.8
    expect(gc.check()).toEqual({ due: false, reason: 'busy' })
    state.busy = 0.2
    expect(collectWhenQuiet(process).collected).toBe(true)
    expect(state.collections).toBe(1)
  })

  it('is not due during a join or reconnect wave, and is at the first check after it', () => {
    const process = fakeProcess()
    const { state, gc } = process
    state.heap += 20 * MB
    state.connects += 500
    expect(gc.check()).toEqual({ due: false, reason: 'connect-wave' })
    state.connects += 5
    expect(collectWhenQuiet(process).collected).toBe(true)
  })

  it('collects at most once per interval however much the heap grows, and measures growth from the last collection', () => {
    const process = fakeProcess()
    const { state, gc } = process
    state.heap += 8 * MB
    expect(collectWhenQuiet(process).collected).toBe(true)
    state.heap += 8 * MB
    state.now += 29_000
    expect(gc.check()).toEqual({ due: false, reason: 'too-soon' })
    state.now += 1_000
    expect(collectWhenQuiet(process).collected).toBe(true)
    state.live = 14 * MB
    state.heap = 17 * MB
    state.now += 30_000
    expect(collectWhenQuiet(process).collected).toBe(true)
    state.heap = 14 * MB + 3 * MB
    state.now += 30_000
    expect(gc.check()).toEqual({ due: false, reason: 'little-growth' })
    expect(state.collections).toBe(3)
  })

  it('collects the start-up garbage at once, busy or not, measures later growth from there, and does not hold the next collection back', () => {
    const process = fakeProcess()
    const { state, gc } = process
    state.heap = 14 * MB
    state.live = 9 * MB
    state.busy = 0.9
    expect(gc.collectStartupGarbage()).toEqual({ collected: true, freedBytes: 5 * MB, pauseMs: 12, moment: 'start' })
    state.busy = 0.1
    state.now += 2_000
    state.heap = 12 * MB
    expect(gc.check()).toEqual({ due: false, reason: 'little-growth' })
    state.heap = 13 * MB
    expect(collectWhenQuiet(process).collected).toBe(true)
    expect(state.collections).toBe(2)
  })
})

describe('idle full GC policy: a due collection waits for a quiet stretch', () => {
  it('does not collect while frames move, nor before they have been still for the whole stretch, and collects once they have', () => {
    const { state, gc } = fakeProcess()
    state.heap += 20 * MB
    expect(gc.check()).toEqual({ due: true })
    for (let look = 0; look < 100; look++) {
      state.now += 10
      state.frames += 3
      expect(gc.look()).toEqual({ collected: false, reason: 'traffic' })
    }
    state.now += 10
    expect(gc.look()).toEqual({ collected: false, reason: 'traffic' })
    state.now += 9
    expect(gc.look()).toEqual({ collected: false, reason: 'traffic' })
    state.now += 1
    expect(gc.look()).toEqual({ collected: false, reason: 'quiet' })
    expect(state.collections).toBe(0)
    expect(gc.collectIfStillQuiet()).toMatchObject({ collected: true, moment: 'gap' })
    expect(state.collections).toBe(1)
  })

  it('does not count the time before it became due as quiet: what moved then is not known', () => {
    const { state, gc } = fakeProcess()
    state.heap += 20 * MB
    state.now += 60_000
    expect(gc.check()).toEqual({ due: true })
    state.now += 19
    expect(gc.look()).toEqual({ collected: false, reason: 'traffic' })
    state.now += 1
    expect(gc.look()).toEqual({ collected: false, reason: 'quiet' })
  })

  it('holds back when a frame moved between the quiet look and the check phase (the poll phase read one), and collects at the next quiet stretch', () => {
    const { state, gc } = fakeProcess()
    state.heap += 20 * MB
    expect(gc.check()).toEqual({ due: true })
    state.now += 20
    expect(gc.look()).toEqual({ collected: false, reason: 'quiet' })
    state.frames++
    expect(gc.collectIfStillQuiet()).toEqual({ collected: false, reason: 'traffic' })
    state.now += 10
    expect(gc.look()).toEqual({ collected: false, reason: 'traffic' })
    state.now += 10
    expect(gc.look()).toEqual({ collected: false, reason: 'quiet' })
    expect(state.collections).toBe(0)
    expect(gc.collectIfStillQuiet()).toMatchObject({ collected: true, moment: 'gap' })
  })

  it('in traffic with no quiet stretch, never collects, however long it waits and however often the check finds it due', () => {
    const { state, gc } = fakeProcess()
    state.heap += 20 * MB
    expect(gc.check()).toEqual({ due: true })
    for (let t = 10; t <= 60_000; t += 10) {
      state.now = t
      // Frames every 10 ms, then with a 20 ms gap in every 30 ms: no look sees 20 ms without one.
      if (t % 30 !== 0 || t > 30_000) state.frames++
      if (t % 2000 === 0) expect(gc.check()).toEqual({ due: true })
      expect(gc.look()).toEqual({ collected: false, reason: 'traffic' })
    }
    expect(state.collections).toBe(0)
  })

  it('a check that finds it no longer due ends the wait, and a later wait measures quiet from its own start', () => {
    const { state, gc } = fakeProcess()
    state.heap += 20 * MB
    expect(gc.check()).toEqual({ due: true })
    state.now += 3990
    state.frames++
    expect(gc.look()).toEqual({ collected: false, reason: 'traffic' })
    state.busy = 0.9
    expect(gc.check()).toEqual({ due: false, reason: 'busy' })
    state.now += 20
    expect(gc.look()).toEqual({ collected: false, reason: 'not-due' })
    expect(gc.collectIfStillQuiet()).toEqual({ collected: false, reason: 'not-due' })
    state.busy = 0.1
    state.now += 1000
    expect(gc.check()).toEqual({ due: true })
    state.now += 10
    expect(gc.look()).toEqual({ collected: false, reason: 'traffic' })
    state.now += 10
    expect(gc.look()).toEqual({ collected: false, reason: 'quiet' })
    expect(state.collections).toBe(0)
  })

  it('once collected, is not due until the next check finds it so', () => {
    const process = fakeProcess()
    const { state, gc } = process
    state.heap += 20 * MB
    expect(collectWhenQuiet(process).collected).toBe(true)
    state.now += 20
    expect(gc.look()).toEqual({ collected: false, reason: 'not-due' })
    expect(gc.collectIfStillQuiet()).toEqual({ collected: false, reason: 'not-due' })
    expect(state.collections).toBe(1)
  })

  it("reads this process's real heap, loop and counters", () => {
    const counters = { connects: 7, frames: 3 }
    const probe = processProbe({ connectionsOpened: () => counters.connects, framesMoved: () => counters.frames })
    expect(probe.heapUsedBytes()).toBeGreaterThan(MB)
    const share = probe.loopBusyShareSinceLastCall()
    expect(share).toBeGreaterThanOrEqual(0)
    expect(share).toBeLessThanOrEqual(1)
    counters.connects = 9
    counters.frames = 40
    expect(probe.connectionsOpened()).toBe(9)
    expect(probe.framesMoved()).toBe(40)
    const first = probe.now()
    expect(probe.now()).toBeGreaterThanOrEqual(first)
  })
})

describe('idle full GC in a running server', () => {
  it('a server collects once when it has started, and again when quiet with a grown heap, and counts both in /metrics', async () => {
    let collections = 0
    const server = await startTestServer(tempDir(), { idleFullGc: () => collections++ })
    try {
      expect(collections).toBe(1)
      expect(await readMetric(server.url, 'hallway_idle_gc_total')).toBe(1)
      // Held until the end, so no collection of V8's own can undo the growth the policy looks for.
      const grown = Array.from({ length: 300_000 }, (_, i) => ({ i, label: `member-${i}-${'x'.repeat(40)}` }))
      await waitFor('an idle collection', () => collections >= 2)
      expect(await readMetric(server.url, 'hallway_idle_gc_total')).toBe(collections)
      const longest = await readMetric(server.url, 'hallway_idle_gc_longest_pause_seconds')
      expect(longest).toBeGreaterThanOrEqual(0)
      expect(longest).toBeLessThanOrEqual(await readMetric(server.url, 'hallway_idle_gc_pause_seconds_total'))
      expect(grown.length).toBe(300_000)
    } finally {
      await server.close()
    }
  })
})
