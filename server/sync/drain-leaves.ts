import type { AwarenessEntry } from './protocol'

/**
 * The origin of the awareness removal of members a drain cut: they are coming back within
 * `holdMs`, so the removal goes to no member. `remote`: another node's drain, applied here
 * (never published back); otherwise this node's, which the fan-out tells the other nodes of.
 */
export class DrainLeave {
  constructor(
    readonly holdMs: number,
    readonly remote: boolean,
  ) {}
}

interface Held {
  /** The removal's clock: that of the state the members still draw (an equal clock with no state takes it down). */
  clock: number
  /** performance.now() */
  until: number
}

/**
 * Another node's members its drain cut, taken out of this node's presence without a word to its
 * members, who go on drawing them where they were. Each is held until its own deadline, then
 * handed to `expired` (the caller removes, for its members, those not back meanwhile).
 */
export class HeldLeaves {
  private readonly held = new Map<number, Held>()
  private timer: ReturnType<typeof setTimeout> | undefined
  private timerAt = Infinity

  constructor(private readonly expired: (removals: AwarenessEntry[]) => void) {}

  /** A later drain's leave of the same client replaces an earlier one's. */
  hold(clientId: number, clock: number, ms: number): void {
    const until = performance.now() + ms
    this.held.set(clientId, { clock, until })
    if (until < this.timerAt) this.schedule(until)
  }

  stop(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.timerAt = Infinity
    this.held.clear()
  }

  private schedule(at: number): void {
    clearTimeout(this.timer)
    this.timerAt = at
    this.timer = setTimeout(() => this.expire(), Math.max(0, at - performance.now()))
    this.timer.unref()
  }

  private expire(): void {
    this.timer = undefined
    this.timerAt = Infinity
    const now = performance.now()
    const removals: AwarenessEntry[] = []
    let next = Infinity
    for (const [clientId, { clock, until }] of this.held) {
      if (until <= now) {
        this.held.delete(clientId)
        removals.push({ clientId, clock, state: null })
      } else next = Math.min(next, until)
    }
    if (next < Infinity) this.schedule(next)
    if (removals.length > 0) this.expired(removals)
  }
}
