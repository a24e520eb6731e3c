import { performance } from 'node:perf_hooks'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { teamDocName } from '../../shared/contract/doc-names'
import { createTestTeam, rawClient, readMetric, removeTempDirs, startTestServer, tempDir, tokenFor, waitFor } from '../testing/harness'
import { IdleGc, processProbe, type IdleGcPolicy, type IdleGcProbe } from './idle-gc'

afterAll(removeTempDirs)

const MB = 1024 * 1024
const policy: IdleGcPolicy = { minGrowthBytes: 4 * MB, minIntervalMs: 30_000, maxBusyShare: 0.5, maxConnectsPerSecond: 10 }

/** A heap, loop and clock the test sets by hand; the GC drops the heap to what is live. */
function fakeProcess() {
  const state = { now: 0, heap: 10 * MB, live: 10 * MB, busy: 0.1, connects: 0, collections: 0 }
  const probe: IdleGcProbe = {
    now: () => state.now,
    heapUsedBytes: () => state.heap,
    loopBusyShareSinceLastCall: () => state.busy,
    connectionsOpened: () => state.connects,
  }
  const fullGc = () => {
    state.collections++
    state.heap = state.live
    state.now += 12
  }
  return { state, gc: new IdleGc(probe, fullGc, policy) }
}

describe('idle full GC policy', () => {
  it('collects once the loop is quiet and the heap grew past the threshold, and reports what it freed and the pause', () => {
    const { state, gc } = fakeProcess()
    state.heap += 3 * MB
    expect(gc.check()).toEqual({ collected: false, reason: 'little-growth' })
    state.heap += 2 * MB
    expect(gc.check()).toEqual({ collected: true, freedBytes: 5 * MB, pauseMs: 12 })
    expect(state.collections).toBe(1)
  })

  it('does not collect while the loop is busy with traffic, and does once the traffic calms', () => {
    const { state, gc } = fakeProcess()
    state.heap += 20 * MB
    state.busy = 0.8
    expect(gc.check()).toEqual({ collected: false, reason: 'busy' })
    expect(state.collections).toBe(0)
    state.busy = 0.2
    expect(gc.check().collected).toBe(true)
  })

  it('does not collect during a join or reconnect wave (connections per second since the last check), and does at the first check after it', () => {
    const { state, gc } = fakeProcess()
    state.heap += 20 * MB
    state.now += 250
    state.connects += 3
    expect(gc.check()).toEqual({ collected: false, reason: 'connect-wave' })
    state.now += 250
    state.connects += 2
    expect(gc.check().collected).toBe(true)
  })

  it('counts connections against the time since the last check, so the same count over a longer period is no wave', () => {
    const { state, gc } = fakeProcess()
    state.heap += 20 * MB
    state.now += 2_000
    state.connects += 20
    expect(gc.check().collected).toBe(true)
    state.heap += 20 * MB
    state.now += 30_000
    state.connects += 301
    expect(gc.check()).toEqual({ collected: false, reason: 'connect-wave' })
  })

  it('runs at most once per interval however much the heap grows, and measures growth from the last collection', () => {
    const { state, gc } = fakeProcess()
    state.heap += 8 * MB
    expect(gc.check().collected).toBe(true)
    state.heap += 8 * MB
    state.now += 29_000
    expect(gc.check()).toEqual({ collected: false, reason: 'too-soon' })
    state.now += 1_000
    expect(gc.check().collected).toBe(true)
    state.live = 14 * MB
    state.heap = 17 * MB
    state.now += 30_000
    expect(gc.check().collected).toBe(true)
    state.heap = 14 * MB + 3 * MB
    state.now += 30_000
    expect(gc.check()).toEqual({ collected: false, reason: 'little-growth' })
    expect(state.collections).toBe(3)
  })

  it('collects the start-up garbage at once, busy or not, measures later growth from there, and does not hold the next collection back', () => {
    const { state, gc } = fakeProcess()
    state.heap = 14 * MB
    state.live = 9 * MB
    state.busy = 0.9
    expect(gc.collectStartupGarbage()).toEqual({ collected: true, freedBytes: 5 * MB, pauseMs: 12 })
    state.busy = 0.1
    state.now += 2_000
    state.heap = 12 * MB
    expect(gc.check()).toEqual({ collected: false, reason: 'little-growth' })
    state.heap = 13 * MB
    expect(gc.check().collected).toBe(true)
    expect(state.collections).toBe(2)
  })

  it("reads this process's real heap, loop and counter", () => {
    let connects = 7
    const probe = processProbe(() => connects)
    expect(probe.heapUsedBytes()).toBeGreaterThan(MB)
    const share = probe.loopBusyShareSinceLastCall()
    expect(share).toBeGreaterThanOrEqual(0)
    expect(share).toBeLessThanOrEqual(1)
    connects = 9
    expect(probe.connectionsOpened()).toBe(9)
    const first = probe.now()
    expect(probe.now()).toBeGreaterThanOrEqual(first)
  })

  it('reads the CPU time as the busy share until the first connection, and the event loop from the check after it', () => {
    const loop = vi.spyOn(performance, 'eventLoopUtilization')
    try {
      let connects = 0
      const probe = processProbe(() => connects)
      const spinUntil = Date.now() + 30
      while (Date.now() < spinUntil);
      const cpuShare = probe.loopBusyShareSinceLastCall()
      // 30 ms of this thread's CPU over a period of about that length.
      expect(cpuShare).toBeGreaterThan(0)
      expect(cpuShare).toBeLessThanOrEqual(1)
      expect(probe.loopBusyShareSinceLastCall()).toBeLessThanOrEqual(1)
      expect(loop).not.toHaveBeenCalled()
      connects = 1
      // The check that sees the first connection still answers from the CPU time and starts the loop measure.
      expect(probe.loopBusyShareSinceLastCall()).toBeGreaterThanOrEqual(0)
      expect(loop).toHaveBeenCalledTimes(1)
      const loopShare = probe.loopBusyShareSinceLastCall()
      expect(loop.mock.calls.length).toBeGreaterThan(1)
      expect(loopShare).toBeGreaterThanOrEqual(0)
      expect(loopShare).toBeLessThanOrEqual(1)
    } finally {
      loop.mockRestore()
    }
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

  it('still collects when quiet with a grown heap once a member has connected (the loop measure, started by that connection)', async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir)
    let collections = 0
    const loop = vi.spyOn(performance, 'eventLoopUtilization')
    const server = await startTestServer(dir, { idleFullGc: () => collections++ })
    const client = rawClient(server.url, teamDocName(teamId), await tokenFor(dir, teamId, 'ada'))
    try {
      expect(loop).not.toHaveBeenCalled()
      await client.opened
      expect(await readMetric(server.url, 'hallway_connections_opened_total')).toBe(1)
      // Started at one check, read at the next: the collection below is the loop measure's decision.
      await waitFor('the loop measure', () => loop.mock.calls.length >= 2)
      const afterConnect = collections
      const grown = Array.from({ length: 300_000 }, (_, i) => ({ i, label: `member-${i}-${'x'.repeat(40)}` }))
      await waitFor('an idle collection after the connection', () => collections > afterConnect)
      expect(grown.length).toBe(300_000)
    } finally {
      loop.mockRestore()
      client.ws.close()
      await server.close()
    }
  })
})
