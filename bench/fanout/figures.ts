// Turns a configuration's runs into the table `npm run bench` prints (ours, reference, ratio) and
// the verdict on issue 3's targets.
import type { Figure } from '../presence'
import { printTable } from '../report'
import type { FanoutConfig, LoadShape, ServerOutcome, ShapeResult } from './scenario'

export interface Comparison {
  config: FanoutConfig
  outcomes: ServerOutcome[]
  /** 1-minute load average of the machine when the configuration started: other work shows here. */
  machineLoad: number
}

export interface Verdict {
  target: string
  met: boolean
  detail: string
}

export interface FanoutResult extends Comparison {
  verdicts: Verdict[]
}

/** One server's measurements of a configuration, a result per load shape. */
interface ServerRun {
  idleRssMb: number
  results: ShapeResult[]
}

const MAX_BYTES_PER_DELIVERY = 60
const MIN_P99_SPEEDUP = 2

function runOf(outcomes: ServerOutcome[], server: string): ServerRun | null {
  const outcome = outcomes.find((o) => o.server === server)
  return outcome?.ok ? { idleRssMb: outcome.idleRssMb, results: outcome.shapes.map((s) => s.result) } : null
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}

export function title({ clients, docs, changesPerSecond }: FanoutConfig): string {
  const receivers = Math.ceil(clients / docs) - 1
  const where = docs === 1 ? 'one document' : `${docs} documents (${clients / docs} per document)`
  return `Presence fan-out: ${clients.toLocaleString('en')} clients on ${where}; ${changesPerSecond} changes/s ≈ ${(changesPerSecond * receivers).toLocaleString('en')} deliveries/s`
}

export function describeShape(shape: LoadShape, changesPerSecond: number): string {
  const perRound = (changesPerSecond * shape.roundMs) / 1000
  return perRound <= 1 ? `${shape.name}: one change at a time, every ${shape.roundMs} ms` : `${shape.name}: ${perRound} changes at once every ${shape.roundMs} ms`
}

function compare(name: string, unit: string, ours: number, reference: number | null): Figure {
  return { name, value: round(ours), unit, ...(reference === null ? {} : { baseline: { name: 'reference', value: round(reference) } }) }
}

function deliveredPercent(r: ShapeResult): number {
  return r.expected > 0 ? (100 * r.delivered) / r.expected : 0
}

export function figures(clients: number, ours: ServerRun, reference: ServerRun | null, shapes: LoadShape[]): Figure[] {
  const perShape = shapes.flatMap((shape, i) => {
    const row = (name: string, unit: string, pick: (r: ShapeResult) => number) =>
      compare(`${name}, ${shape.name}`, unit, pick(ours.results[i]!), reference ? pick(reference.results[i]!) : null)
    return [
      row('p50 delivery latency', 'ms', (r) => r.p50Ms),
      row('p99 delivery latency', 'ms', (r) => r.p99Ms),
      row('delivered of expected', '%', deliveredPercent),
      row('bytes received per delivery', 'B', (r) => r.bytesPerDelivery),
      row('server CPU', '% of a core', (r) => r.serverCpuPercent),
    ]
  })
  const peakRss = (run: ServerRun) => Math.max(...run.results.map((r) => r.serverRssMb))
  const both = (name: string, unit: string, pick: (run: ServerRun) => number) => compare(name, unit, pick(ours), reference ? pick(reference) : null)
  return [
    ...perShape,
    both('server RSS, loaded', 'MB', peakRss),
    both('server RSS, idle', 'MB', (run) => run.idleRssMb),
    both('server RSS per client', 'KB', (run) => ((peakRss(run) - run.idleRssMb) * 1024) / clients),
  ]
}

/** The verdicts on issue 3's targets, or none when our server was not measured. */
export function verdictsOf({ config, outcomes }: Comparison): Verdict[] {
  const ours = runOf(outcomes, 'ours')?.results
  if (!ours) return []
  const reference = runOf(outcomes, 'reference')?.results ?? null
  const speedups = config.shapes.map((shape, i): Verdict => {
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

export function printComparison(comparison: Comparison): void {
  const { config, outcomes } = comparison
  const ours = runOf(outcomes, 'ours')
  const reference = runOf(outcomes, 'reference')
  const shapes = config.shapes.map((shape) => `  ${describeShape(shape, config.changesPerSecond)}`)
  const heading = [title(config), ...shapes, `  machine load average ${comparison.machineLoad.toFixed(1)} at the start`].join('\n')
  const primary = ours ?? reference
  if (primary) printTable(ours ? heading : `${heading}\n  (reference only)`, figures(config.clients, primary, ours ? reference : null, config.shapes))
  else console.log(`\n${heading}`)
  for (const v of verdictsOf(comparison)) console.log(`  ${v.met ? 'met    ' : 'NOT met'}  ${v.target}: ${v.detail}`)
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
