import { percentile } from './stats'

const TICK_MS = 5

/** How late a 5 ms timer fires while switched on: a busy event loop shows up as lag. */
export class LoopLag {
  private samples: number[] = []
  private timer: ReturnType<typeof setInterval> | null = null

  on(): void {
    if (this.timer) return
    let last = performance.now()
    this.timer = setInterval(() => {
      const now = performance.now()
      this.samples.push(Math.max(0, now - last - TICK_MS))
      last = now
    }, TICK_MS)
  }

  off(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** The 99th percentile lag so far; samples start over. */
  takeP99Ms(): number {
    const p99 = percentile(Float64Array.from(this.samples).sort(), 0.99)
    this.samples = []
    return p99
  }
}
