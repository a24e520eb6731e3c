/**
 * Coalesces changes into one view rebuild: at the next microtask, or, for hosts nobody watches,
 * at most once per `everyMs` (hundreds of crowd cores in one process rebuilding a 1,000-member
 * office on every peer's change is quadratic work).
 */
export class ViewSchedule {
  private pending = false
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly rebuild: () => void,
    private readonly everyMs: number | undefined,
  ) {}

  request(): void {
    if (this.pending) return
    this.pending = true
    if (this.everyMs === undefined) queueMicrotask(() => this.fire())
    else this.timer = setTimeout(() => this.fire(), this.everyMs)
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private fire(): void {
    this.pending = false
    this.timer = null
    this.rebuild()
  }
}
