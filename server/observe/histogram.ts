import { byCodeUnit } from './label-order'

/** A Prometheus histogram with one label (e.g. kind="update"), in seconds. */
export class Histogram {
  private readonly series = new Map<string, { buckets: number[]; sum: number; count: number }>()

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly label: string,
    private readonly bounds: readonly number[] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  ) {}

  observe(labelValue: string, seconds: number): void {
    let series = this.series.get(labelValue)
    if (!series) {
      series = { buckets: this.bounds.map(() => 0), sum: 0, count: 0 }
      this.series.set(labelValue, series)
    }
    for (let i = 0; i < this.bounds.length; i++) if (seconds <= this.bounds[i]!) series.buckets[i]!++
    series.sum += seconds
    series.count++
  }

  /** Times a promise's work under `labelValue` (failures too). */
  async time<T>(labelValue: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now()
    try {
      return await work()
    } finally {
      this.observe(labelValue, (performance.now() - started) / 1000)
    }
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`]
    for (const [value, series] of [...this.series].sort(([a], [b]) => byCodeUnit(a, b))) {
      const label = `${this.label}="${value}"`
      this.bounds.forEach((bound, i) => lines.push(`${this.name}_bucket{${label},le="${bound}"} ${series.buckets[i]}`))
      lines.push(`${this.name}_bucket{${label},le="+Inf"} ${series.count}`)
      lines.push(`${this.name}_sum{${label}} ${series.sum}`, `${this.name}_count{${label}} ${series.count}`)
    }
    return lines
  }
}
