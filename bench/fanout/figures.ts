// Turns a configuration's runs into the table `npm run bench` prints (ours, reference, ratio) and
// the verdict on issue 3's targets.
import type { Figure } from '../presence'
import { printTable } from '../report'
import type { FanoutConfig, LoadShape, ServerOutcome, ShapeResult } from './scenario'

export interface Comparison {
  config: FanoutConfig
  outcomes: ServerOutcome[]
}

export interface Verdict {
  target: string
  met: boolean
  detail: string
}

export interface FanoutResult extends Comparison {
  verdicts: Verdict[]
}

const MAX_BYTES_PER_DELIVERY = 60
const MIN_P99_SPEEDUP = 2

export function title({ clients, docs, changesPerSecond }: FanoutConfig): string {
  const receivers = Math.ceil(clients / docs) - 1
  const where = docs === 1 ? 'one document' : `${docs} documents (${clients / docs} per document)`
  return `Presence fan-out: ${clients.toLocaleString('en')} clients on ${where}; ${changesPerSecond} changes/s ≈ ${(changesPerSecond * receivers).toLocaleString('en')} deliveries/s`
}

export function describeShape(shape: LoadShape, changesPerSecond: number): string {
  const perRound = (changesPerSecond * shape.roundMs) / 1000
  return perRound <= 1 ? `${shape.name}: one change at a time, every ${shape.roundMs} ms` : `${shape.name}: ${perRound} changes at once every ${shape.roundMs} ms`
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}

function deliveredPercent(r: ShapeResult): number {
  return r.expected > 0 ? (100 * r.delivered) / r.expected : 0
}

function compare(name: string, unit: string, ours: number, reference: number | null): Figure {
  return { name, value: round(ours), unit, ...(reference === null ? {} : { baseline: { name: 'reference', value: round(reference) } }) }
}

export function figures(ours: ShapeResult[], reference: ShapeResult[] | null, shapes: LoadShape[]): Figure[] {
  const perShape = shapes.flatMap((shape, i) => {
    const row = (name: string, unit: string, pick: (r: ShapeResult) => number) =>
      compare(`${name}, ${shape.name}`, unit, pick(ours[i]!), reference ? pick(reference[i]!) : null)
    return [
      row('p50 delivery latency', 'ms', (r) => r.p50Ms),
      row('p99 delivery latency', 'ms', (r) => r.p99Ms),
      row('delivered of expected', '%', deliveredPercent),
      row('bytes received per delivery', 'B', (r) => r.bytesPerDelivery),
      row('server CPU', '% of a core', (r) => r.serverCpuPercent),
    ]
  })
  const peakRss = (results: ShapeResult[]) => Math.max(...results.map((r) => r.serverRssMb))
  return [...perShape, compare('server RSS', 'MB', peakRss(ours), reference ? peakRss(reference) : null)]
}

export function verdicts(ours: ShapeResult[], reference: ShapeResult[] | null, shapes: LoadShape[]): Verdict[] {
  const speedups = shapes.map((shape, i): Verdict => {
    const speedup = reference && ours[i]!.p99Ms > 0 ? reference[i]!.p99Ms / ours[i]!.p99Ms : null
    return {
      target: `p99 at least ${MIN_P99_SPEEDUP}× lower than the reference (${shape.name})`,
      met: speedup !== null && speedup >= MIN_P99_SPEEDUP,
      detail: speedup === null ? 'no reference run' : `${speedup.toFixed(1)}×`,
    }
  })
  const expected = ours.reduce((n, r) => n + r.expected, 0)
  const delivered = ours.reduce((n, r) => n + r.delivered, 0)
  const disconnects = ours.reduce((n, r) => n + r.disconnects, 0)
  const worstBytes = Math.max(...ours.map((r) => r.bytesPerDelivery))
  return [
    ...speedups,
    {
      target: 'zero loss',
      met: expected > 0 && delivered === expected && disconnects === 0,
      detail: `${delivered.toLocaleString('en')} of ${expected.toLocaleString('en')} delivered, ${disconnects} disconnects`,
    },
    { target: `at most ${MAX_BYTES_PER_DELIVERY} B per delivery`, met: worstBytes <= MAX_BYTES_PER_DELIVERY, detail: `${round(worstBytes)} B at most` },
  ]
}

function resultsOf(outcomes: ServerOutcome[], server: string): ShapeResult[] | null {
  const outcome = outcomes.find((o) => o.server === server)
  return outcome?.ok ? outcome.shapes.map((s) => s.result) : null
}

/** The verdicts on issue 3's targets, or none when our server was not measured. */
export function verdictsOf({ config, outcomes }: Comparison): Verdict[] {
  const ours = resultsOf(outcomes, 'ours')
  return ours ? verdicts(ours, resultsOf(outcomes, 'reference'), config.shapes) : []
}

export function printComparison({ config, outcomes }: Comparison): void {
  const ours = resultsOf(outcomes, 'ours')
  const reference = resultsOf(outcomes, 'reference')
  const heading = [title(config), ...config.shapes.map((shape) => `  ${describeShape(shape, config.changesPerSecond)}`)].join('\n')
  if (ours) {
    printTable(heading, figures(ours, reference, config.shapes))
    for (const v of verdicts(ours, reference, config.shapes)) console.log(`  ${v.met ? 'met    ' : 'NOT met'}  ${v.target}: ${v.detail}`)
  } else if (reference) {
    printTable(`${heading}\n  (reference only)`, figures(reference, null, config.shapes))
  } else {
    console.log(`\n${heading}`)
  }
  for (const outcome of outcomes) {
    if (!outcome.ok) {
      console.log(`  ${outcome.server}: not measured: ${outcome.reason}`)
      continue
    }
    const context = outcome.shapes
      .map(({ shape, result: r }) => `${shape.name} ${r.changes} changes, crowd ${Math.round(r.crowdCpuPercent)}% of a core, probe lag p99 ${r.probeLoopDelayP99Ms.toFixed(1)} ms`)
      .join('; ')
    console.log(`  ${outcome.server}: connected in ${(outcome.connectMs / 1000).toFixed(1)} s; ${context}; ${outcome.serverLogLines} log lines`)
  }
}
