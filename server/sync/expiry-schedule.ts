const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * One timer for every open connection's token expiry, instead of a Timeout each: a Timeout per
 * connection cost ~130 B, plus a timer list of its own for each distinct duration (nearly every
 * connection's). Tokens expire on whole seconds (`exp`), so items are grouped by that second and
 * each group is expired exactly when a per-connection timer would have fired.
 */
export class ExpirySchedule<T> {
  private readonly bySecond = new Map<number, Set<T>>()
  private timer: ReturnType<typeof setTimeout> | undefined
  private armedFor = Infinity

  constructor(private readonly onExpired: (item: T) => void) {}

  add(item: T, expSeconds: number): void {
    let due = this.bySecond.get(expSeconds)
    if (!due) this.bySecond.set(expSeconds, (due = new Set()))
    due.add(item)
    if (expSeconds < this.armedFor) this.arm(expSeconds)
  }

  delete(item: T, expSeconds: number): void {
    const due = this.bySecond.get(expSeconds)
    if (!due?.delete(item) || due.size > 0) return
    this.bySecond.delete(expSeconds)
    // A timer left armed for an emptied second finds nothing due and re-arms for the next.
  }

  /** Stops the timer; nothing expires after this. */
  stop(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.armedFor = Infinity
  }

  private arm(expSeconds: number): void {
    clearTimeout(this.timer)
    this.armedFor = expSeconds
    const msLeft = Math.min(Math.max(expSeconds * 1000 - Date.now(), 0), MAX_TIMER_MS)
    this.timer = setTimeout(() => this.fire(), msLeft)
    this.timer.unref()
  }

  private fire(): void {
    this.timer = undefined
    this.armedFor = Infinity
    const now = Date.now()
    let next = Infinity
    for (const [second, due] of this.bySecond) {
      if (second * 1000 > now) {
        next = Math.min(next, second)
        continue
      }
      this.bySecond.delete(second)
      for (const item of due) this.onExpired(item)
    }
    if (next !== Infinity) this.arm(next)
  }
}
