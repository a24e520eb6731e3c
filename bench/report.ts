import type { Figure } from './presence'

/** Prints figures as a table: value, baseline, and the ratio baseline / value. */
export function printTable(title: string, figures: readonly Figure[]): void {
  console.log(`\n${title}`)
  const rows = figures.map((f) => [
    f.name,
    `${f.value} ${f.unit}`,
    f.baseline ? `${f.baseline.value} (${f.baseline.name})` : '',
    f.baseline && f.value > 0 ? `${(f.baseline.value / f.value).toFixed(1)}×` : '',
  ])
  const header = ['figure', 'value', 'baseline', 'ratio']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const row of rows) console.log(line(row))
}
