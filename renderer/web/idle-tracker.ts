export interface IdleTrackerOptions {
  now?: () => number
  /** After a report of at least this much idle time, the next input is reported at once. */
  wakeAfterMs?: number
}

/**
 * How long since the person last touched the page. The host reports `idleMs()` on a timer; the
 * core decides when that means "away" and writes only when it changes. Input after a reported
 * idle stretch is worth telling straight away, so "away" clears the moment someone is back.
 */
export class IdleTracker {
  private readonly now: () => number
  private readonly wakeAfterMs: number
  private lastInput: number
  private reportedIdle = 0

  constructor(options: IdleTrackerOptions = {}) {
    this.now = options.now ?? Date.now
    this.wakeAfterMs = options.wakeAfterMs ?? 30_000
    this.lastInput = this.now()
  }

  idleMs(): number {
    return Math.max(0, this.now() - this.lastInput)
  }

  /** The idle time to report on the regular tick. */
  tick(): number {
    this.reportedIdle = this.idleMs()
    return this.reportedIdle
  }

  /** Notes input; returns true when it should be reported now (0 ms idle). */
  input(): boolean {
    this.lastInput = this.now()
    if (this.reportedIdle < this.wakeAfterMs) return false
    this.reportedIdle = 0
    return true
  }
}
