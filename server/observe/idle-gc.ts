// V8 grows its old space lazily: a server that is not short of memory keeps the garbage of its
// last bursts (joins, catch-ups, presence rounds) until the heap reaches its next limit, which the
// kernel counts as resident memory. A full collection when the event loop has time to spare, and
// the heap grew since the last one, gives those pages back without waiting for pressure; only a
// compacting one does (`--compact-on-every-full-gc` in SERVER_NODE_FLAGS): otherwise the freed
// space stays scattered over pages V8 keeps. `npm run bench -- serverMemory`: 25.0 KB per member
// under the company load without the idle GC, 20.5 with it (bench/capacity/README.md).
import { createRequire } from 'node:module'
import type { EventLoopUtilization } from 'node:perf_hooks'

/** What a check reads; injected so a test drives the policy with its own clock, heap and GC. */
export interface IdleGcProbe {
  now(): number
  heapUsedBytes(): number
  /** Share of the time since the previous call the event loop was busy, 0..1. */
  loopBusyShareSinceLastCall(): number
  /** Connections accepted so far (a counter). */
  connectionsOpened(): number
}

export interface IdleGcPolicy {
  /** Collect only when the heap in use grew by this much since the last forced collection (or the start). */
  minGrowthBytes: number
  /** Never two forced collections closer than this. */
  minIntervalMs: number
  /** Collect only when the loop was busy at most this share of the last check period. */
  maxBusyShare: number
  /** Connections accepted faster than this (per second, since the last check) is a join or reconnect wave: no collection. */
  maxConnectsPerSecond: number
}

export const DEFAULT_IDLE_GC_POLICY: IdleGcPolicy = {
  // 4 MB: about 8 KB per member at 500 members; below it the pause is not worth the pages.
  minGrowthBytes: 4 * 1024 * 1024,
  // A full collection of a 20–40 MB heap pauses the loop for 10–30 ms; once in 30 s is ≤ 0.1 %.
  minIntervalMs: 30_000,
  maxBusyShare: 0.5,
  maxConnectsPerSecond: 10,
}

export type IdleGcOutcome =
  | { collected: true; freedBytes: number; pauseMs: number }
  | { collected: false; reason: 'too-soon' | 'busy' | 'connect-wave' | 'little-growth' }

export class IdleGc {
  private lastCollectedAt = -Infinity
  private heapAfterLast: number
  private connectsAtLastCheck: number
  private lastCheckAt: number

  constructor(
    private readonly probe: IdleGcProbe,
    private readonly fullGc: () => void,
    private readonly policy: IdleGcPolicy = DEFAULT_IDLE_GC_POLICY,
  ) {
    this.heapAfterLast = probe.heapUsedBytes()
    this.connectsAtLastCheck = probe.connectionsOpened()
    this.lastCheckAt = probe.now()
  }

  /**
   * Once the server has started, before anyone connects: loading modules and building schemas
   * leaves 0.4–1 MB of RSS in garbage that no later growth check would count. Growth is measured from
   * here; the interval between collections is not (it bounds the pauses of a serving node).
   */
  collectStartupGarbage(): Extract<IdleGcOutcome, { collected: true }> {
    return this.collect(this.probe.now(), this.probe.heapUsedBytes())
  }

  /** One check: collects when every condition holds, else says which did not. */
  check(): IdleGcOutcome {
    // Both are "since the last check", so they are read every time, whatever the outcome.
    const busyShare = this.probe.loopBusyShareSinceLastCall()
    const connects = this.probe.connectionsOpened()
    const now = this.probe.now()
    const connectsPerSecond = ((connects - this.connectsAtLastCheck) * 1000) / Math.max(1, now - this.lastCheckAt)
    this.connectsAtLastCheck = connects
    this.lastCheckAt = now
    if (now - this.lastCollectedAt < this.policy.minIntervalMs) return { collected: false, reason: 'too-soon' }
    if (connectsPerSecond > this.policy.maxConnectsPerSecond) return { collected: false, reason: 'connect-wave' }
    if (busyShare > this.policy.maxBusyShare) return { collected: false, reason: 'busy' }
    const before = this.probe.heapUsedBytes()
    if (before - this.heapAfterLast < this.policy.minGrowthBytes) return { collected: false, reason: 'little-growth' }
    const outcome = this.collect(now, before)
    this.lastCollectedAt = now + outcome.pauseMs
    return outcome
  }

  private collect(now: number, before: number): Extract<IdleGcOutcome, { collected: true }> {
    this.fullGc()
    const after = this.probe.heapUsedBytes()
    const done = this.probe.now()
    this.heapAfterLast = after
    return { collected: true, freedBytes: Math.max(0, before - after), pauseMs: done - now }
  }
}

/**
 * This process's heap, event loop and the server's connection counter. The loop measure
 * (perf_hooks' `eventLoopUtilization`) starts at the first check after the first connection:
 * loading perf_hooks pages ~0.6 MB of node's binary into an idle server that no member has
 * reached (the global `performance` loads it too, at its first read). Until then the process's CPU
 * time over the same period stands in (a process that has served only HTTP requests); `now` is
 * hrtime, which loads nothing.
 */
export function processProbe(connectionsOpened: () => number): IdleGcProbe {
  let lastCpu = process.cpuUsage()
  let lastCpuAt = process.hrtime.bigint()
  let loop: { measure: (current?: EventLoopUtilization, last?: EventLoopUtilization) => EventLoopUtilization; last: EventLoopUtilization } | null = null
  const cpuShare = () => {
    const at = process.hrtime.bigint()
    const { user, system } = process.cpuUsage(lastCpu)
    const share = (user + system) / Math.max(1, Number(at - lastCpuAt) / 1000)
    lastCpu = process.cpuUsage()
    lastCpuAt = at
    return Math.min(1, share)
  }
  return {
    now: () => Number(process.hrtime.bigint()) / 1e6,
    // Not node:v8's getHeapStatistics: loading that module costs an idle server ~300 KB.
    heapUsedBytes: () => process.memoryUsage().heapUsed,
    loopBusyShareSinceLastCall: () => {
      if (!loop) {
        const share = cpuShare()
        if (connectionsOpened() > 0) {
          const { performance } = createRequire(import.meta.url)('node:perf_hooks') as typeof import('node:perf_hooks')
          const measure = performance.eventLoopUtilization.bind(performance)
          loop = { measure, last: measure() }
        }
        return share
      }
      const current = loop.measure()
      const share = loop.measure(current, loop.last).utilization
      loop.last = current
      return share
    },
    connectionsOpened,
  }
}

/** Runs `gc.check()` every `checkMs` (the timer does not hold the process open); returns the stop. */
export function scheduleIdleGc(gc: IdleGc, checkMs: number, onCollected: (outcome: Extract<IdleGcOutcome, { collected: true }>) => void): () => void {
  const timer = setInterval(() => {
    const outcome = gc.check()
    if (outcome.collected) onCollected(outcome)
  }, checkMs)
  timer.unref()
  return () => clearInterval(timer)
}
