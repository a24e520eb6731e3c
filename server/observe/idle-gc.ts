// V8 grows its old space lazily: a server that is not short of memory keeps the garbage of its
// last bursts (joins, catch-ups, presence rounds) until the heap reaches its next limit, which the
// kernel counts as resident memory. A full collection when the event loop has time to spare, and
// the heap grew since the last one, gives those pages back without waiting for pressure; only a
// compacting one does (`--compact-on-every-full-gc` in SERVER_NODE_FLAGS): otherwise the freed
// space stays scattered over pages V8 keeps. `npm run bench -- serverMemory`: 25.0 KB per member
// under the company load without the idle GC, 20.5 with it (bench/capacity/README.md).
//
// A collection pauses the loop for 25–40 ms, and a change that arrives meanwhile waits it out: with
// one change every 100 ms on a 1,000-member document, that one late change was the p99 of an 8 s
// window (2.67× the bare relay's). So a due collection waits for a stretch with no frame read or
// written (the deliveries in progress have left), and starts at the next check phase, once the poll
// phase has read whatever arrived. Traffic with no such stretch gets no idle collection: collecting
// anyway after 4 s put 180–700 ms pauses (a shared core) into the bench's timed windows, p99 with them.
import { performance } from 'node:perf_hooks'

/** What the policy reads; injected so a test drives it with its own clock, heap, loop and traffic. */
export interface IdleGcProbe {
  now(): number
  heapUsedBytes(): number
  /** Share of the time since the previous call the event loop was busy, 0..1. */
  loopBusyShareSinceLastCall(): number
  /** Connections accepted so far (a counter). */
  connectionsOpened(): number
  /** Sync frames read and written so far (a counter): it moves while a delivery is under way. */
  framesMoved(): number
}

export interface IdleGcPolicy {
  /** Collect only when the heap in use grew by this much since the last forced collection (or the start). */
  minGrowthBytes: number
  /** Never two forced collections closer than this. */
  minIntervalMs: number
  /** Collect only when the loop was busy at most this share of the last check period. */
  maxBusyShare: number
  /** More connections than this since the last check is a join or reconnect wave: no collection. */
  maxConnectsPerCheck: number
  /** Once a collection is due, it runs in the first stretch this long with no frame read or written. */
  quietMs: number
}

export const DEFAULT_IDLE_GC_POLICY: IdleGcPolicy = {
  // 4 MB: about 8 KB per member at 500 members; below it the pause is not worth the pages.
  minGrowthBytes: 4 * 1024 * 1024,
  // A full collection of a 20–40 MB heap pauses the loop for 25–40 ms; once in 30 s is ≤ 0.15 %.
  minIntervalMs: 30_000,
  maxBusyShare: 0.5,
  maxConnectsPerCheck: 20,
  // A fan-out to 1,000 members is one 12–30 ms turn of the loop, so frames stop moving only once it is done.
  quietMs: 20,
}

export type IdleGcCollected = {
  collected: true
  freedBytes: number
  pauseMs: number
  /** At start-up, or in a quiet stretch of the traffic. */
  moment: 'start' | 'gap'
}

/** The periodic check: whether a collection is due (every condition but a quiet stretch). */
export type IdleGcCheck = { due: true } | { due: false; reason: 'too-soon' | 'busy' | 'connect-wave' | 'little-growth' }

/**
 * A look for a quiet stretch while a collection is due. `quiet`: none of the traffic moved for
 * `quietMs`; collect with `collectIfStillQuiet` at the next check phase (setImmediate).
 */
export type IdleGcLook = { collected: false; reason: 'not-due' | 'traffic' | 'quiet' }

export class IdleGc {
  private lastCollectedAt = -Infinity
  private heapAfterLast: number
  private connectsAtLastCheck: number
  private due = false
  private framesAtLastLook = 0
  /** The last look that saw frames move (or the wait's start: what came before is not known). */
  private framesMovedAt = 0

  constructor(
    private readonly probe: IdleGcProbe,
    private readonly fullGc: () => void,
    private readonly policy: IdleGcPolicy = DEFAULT_IDLE_GC_POLICY,
  ) {
    this.heapAfterLast = probe.heapUsedBytes()
    this.connectsAtLastCheck = probe.connectionsOpened()
  }

  /** How often to look while a collection is due: twice per quiet stretch, so one is seen within 1.5 of it. */
  get lookEveryMs(): number {
    return this.policy.quietMs / 2
  }

  /**
   * Once the server has started, before anyone connects: loading modules and building schemas
   * leaves 0.4–1 MB of RSS in garbage that no later growth check would count. Growth is measured from
   * here; the interval between collections is not (it bounds the pauses of a serving node).
   */
  collectStartupGarbage(): IdleGcCollected {
    return this.collect(this.probe.now(), this.probe.heapUsedBytes(), 'start')
  }

  /** The periodic check: a collection is due when every condition holds; else says which did not. */
  check(): IdleGcCheck {
    // Both are "since the last check", so they are read every time, whatever the outcome.
    const busyShare = this.probe.loopBusyShareSinceLastCall()
    const connects = this.probe.connectionsOpened()
    const connectsSinceLast = connects - this.connectsAtLastCheck
    this.connectsAtLastCheck = connects
    const now = this.probe.now()
    const reason =
      now - this.lastCollectedAt < this.policy.minIntervalMs
        ? 'too-soon'
        : connectsSinceLast > this.policy.maxConnectsPerCheck
          ? 'connect-wave'
          : busyShare > this.policy.maxBusyShare
            ? 'busy'
            : this.probe.heapUsedBytes() - this.heapAfterLast < this.policy.minGrowthBytes
              ? 'little-growth'
              : null
    if (reason) {
      this.due = false
      return { due: false, reason }
    }
    if (!this.due) {
      this.due = true
      this.framesAtLastLook = this.probe.framesMoved()
      this.framesMovedAt = now
    }
    return { due: true }
  }

  /** One look while due: `quiet` once no frame moved for `quietMs`. */
  look(): IdleGcLook {
    if (!this.due) return { collected: false, reason: 'not-due' }
    const now = this.probe.now()
    const frames = this.probe.framesMoved()
    if (frames !== this.framesAtLastLook) {
      this.framesAtLastLook = frames
      this.framesMovedAt = now
      return { collected: false, reason: 'traffic' }
    }
    return { collected: false, reason: now - this.framesMovedAt >= this.policy.quietMs ? 'quiet' : 'traffic' }
  }

  /** After a quiet look, at the next check phase: collects unless a frame moved since (one read by the poll phase in between). */
  collectIfStillQuiet(): IdleGcCollected | Exclude<IdleGcLook, { reason: 'quiet' }> {
    if (!this.due) return { collected: false, reason: 'not-due' }
    const frames = this.probe.framesMoved()
    const now = this.probe.now()
    if (frames !== this.framesAtLastLook) {
      this.framesAtLastLook = frames
      this.framesMovedAt = now
      return { collected: false, reason: 'traffic' }
    }
    const outcome = this.collect(now, this.probe.heapUsedBytes(), 'gap')
    this.lastCollectedAt = now + outcome.pauseMs
    this.due = false
    return outcome
  }

  private collect(now: number, before: number, moment: IdleGcCollected['moment']): IdleGcCollected {
    this.fullGc()
    const after = this.probe.heapUsedBytes()
    const done = this.probe.now()
    this.heapAfterLast = after
    return { collected: true, freedBytes: Math.max(0, before - after), pauseMs: done - now, moment }
  }
}

/** This process's heap and event loop, and the server's connection and frame counters. */
export function processProbe(counters: { connectionsOpened(): number; framesMoved(): number }): IdleGcProbe {
  let lastLoop = performance.eventLoopUtilization()
  return {
    now: () => performance.now(),
    // Not node:v8's getHeapStatistics: loading that module costs an idle server ~300 KB.
    heapUsedBytes: () => process.memoryUsage().heapUsed,
    loopBusyShareSinceLastCall: () => {
      const current = performance.eventLoopUtilization()
      const share = performance.eventLoopUtilization(current, lastLoop).utilization
      lastLoop = current
      return share
    },
    connectionsOpened: () => counters.connectionsOpened(),
    framesMoved: () => counters.framesMoved(),
  }
}

/**
 * Checks every `checkMs`; while a collection is due, looks every `gc.lookEveryMs` for a quiet
 * stretch, and collects at the check phase after a quiet look: the poll phase between them reads
 * any frame that arrived, so none waits in the kernel behind the pause. No timer holds the process
 * open. Returns the stop.
 */
export function scheduleIdleGc(gc: IdleGc, checkMs: number, onCollected: (outcome: IdleGcCollected) => void): () => void {
  let watch: NodeJS.Timeout | null = null
  let confirm: NodeJS.Immediate | null = null
  const endWatch = () => {
    if (watch) clearInterval(watch)
    watch = null
  }
  const look = () => {
    const seen = gc.look()
    if (seen.reason === 'not-due') return endWatch()
    if (seen.reason === 'quiet')
      confirm ??= setImmediate(() => {
        confirm = null
        const outcome = gc.collectIfStillQuiet()
        if (!outcome.collected) return
        endWatch()
        onCollected(outcome)
      }).unref()
  }
  const check = setInterval(() => {
    if (!gc.check().due) return endWatch()
    watch ??= setInterval(look, gc.lookEveryMs).unref()
  }, checkMs)
  check.unref()
  return () => {
    clearInterval(check)
    endWatch()
    if (confirm) clearImmediate(confirm)
  }
}
