// Distance to the floor (issue 14): bench/fanout's two shapes on 1,000 members of one document at
// 10 changes/s, ours against the bare relay, in interleaved rounds; with a second build of ours
// beside them when one is given (a copy of out/server made before a change), so a change is
// measured against what it replaces in the same run.
import type { BenchTeam } from '../fanout/bench-team'
import { runStep, stepLine, type Load, type StepFigures } from './step'

/** One run's p99 moves by a third between runs, and by more on a shared core. */
const FLOOR_ROUNDS = 3

export interface FloorSeries {
  label: string
  /** Its median-p99 round. */
  median: StepFigures
  rounds: StepFigures[]
}

export interface FloorShape {
  shape: string
  /** Ours, then ours from the compare build when given; their ratio is of median p99s against the floor's. */
  ours: FloorSeries[]
  floor: FloorSeries
}

export interface FloorOptions {
  windowMs: number
  /** Ours' node flags, when not the shipped ones (to price each flag's tail latency). */
  oursFlags?: readonly string[]
  /** Another build's main.js, run as a second "ours" in every round. */
  compareBuild?: string
}

export async function floorShapes(team: BenchTeam, options: FloorOptions): Promise<FloorShape[]> {
  const shapes = [
    { shape: 'clustered', roundMs: 500 },
    { shape: 'spread', roundMs: 100 },
  ]
  const servers = [
    { label: 'ours', kind: 'ours' as const },
    ...(options.compareBuild ? [{ label: `ours (${options.compareBuild})`, kind: 'ours' as const, entry: options.compareBuild }] : []),
    { label: 'floor', kind: 'floor' as const },
  ]
  const rows: FloorShape[] = []
  for (const { shape, roundMs } of shapes) {
    const load: Load = { changesPerSecond: 10, roundMs, renewalShare: 0, statusShare: 0 }
    const rounds = servers.map(() => [] as StepFigures[])
    for (let round = 0; round < FLOOR_ROUNDS; round++) {
      for (const [i, server] of servers.entries()) {
        const nodeFlags = server.kind === 'ours' ? options.oursFlags : undefined
        const figures = await runStep(team, { kind: server.kind, docSizes: [1000], load, warmupMs: 1500, windowMs: Math.max(options.windowMs, 8000), pinned: true, presentFirst: false, nodeFlags, entry: server.entry })
        console.log(`  ${shape}${server.entry ? ' (compare build)' : ''}: ${stepLine(figures)}`)
        rounds[i]!.push(figures)
      }
    }
    const series = servers.map((server, i) => ({ label: server.label, median: medianByP99(rounds[i]!), rounds: rounds[i]! }))
    rows.push({ shape, ours: series.slice(0, -1), floor: series.at(-1)! })
  }
  return rows
}

export function printFloor(shapes: readonly FloorShape[]): void {
  console.log(`\nDistance to the floor: 1,000 members on one document, 10 changes/s (bench/fanout shapes), median p99 of ${FLOOR_ROUNDS} interleaved rounds`)
  const rounds = (series: FloorSeries, pick: (f: StepFigures) => number, digits = 1) => series.rounds.map((f) => pick(f).toFixed(digits)).join(' / ')
  const rows = shapes.flatMap(({ shape, ours, floor }) =>
    ours.map((series) => [
      shape,
      series.label,
      series.median.p99Ms.toFixed(1),
      floor.median.p99Ms.toFixed(1),
      `${(floor.median.p99Ms > 0 ? series.median.p99Ms / floor.median.p99Ms : 0).toFixed(2)}×`,
      rounds(series, (f) => f.p99Ms),
      rounds(floor, (f) => f.p99Ms),
      `${medianOf(series.rounds.map((f) => f.cpuUsPerDelivery)).toFixed(2)} / ${medianOf(floor.rounds.map((f) => f.cpuUsPerDelivery)).toFixed(2)}`,
      rounds(series, (f) => f.idleGc?.inWindow ?? NaN, 0),
    ]),
  )
  const header = ['shape', 'ours', 'ours p99 ms', 'floor p99 ms', 'ours/floor', 'ours rounds', 'floor rounds', 'CPU µs/delivery ours / floor', 'idle GCs in window']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const row of rows) console.log(line(row))
}

/** CPU per delivery moves far less than p99 when other work shares the server's core. */
function medianOf(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0
}

function medianByP99(rounds: StepFigures[]): StepFigures {
  return [...rounds].sort((a, b) => a.p99Ms - b.p99Ms)[Math.floor(rounds.length / 2)]!
}
