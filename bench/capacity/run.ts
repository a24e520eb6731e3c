// Capacity bench (issue 14): members per node for ours, @y/websocket-server 0.1.1, y-sweet 0.9.1 and
// a bare relay (the floor), with light raw-protocol members. `npm run bench -- capacity`; alone:
// node --import tsx bench/capacity/run.ts [--steps 500,1000,2000,4000] [--compression C] [--window S] [--project MEMBERS]
//   [--only steps,projection,floor,restart,pinning] [--servers ours,reference,y-sweet,floor] [--floor-flags="FLAGS"]
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import { createBenchTeam, type BenchTeam } from '../fanout/bench-team'
import { burstRates, companyOf, STATUS_EDIT_S, RENEWAL_S, WALK_MEAN_S, HOUR_BURST_SHARE, HOUR_BURST_S } from './company'
import { Y_SWEET_INSTALL, pin, ySweetBinary, type PeerKind } from './peers'
import { runRestart, type RestartFigures } from './restart'
import { runStep, type Load, type StepFigures } from './step'

/** The knee: the first step past any bound. */
const P99_BOUND_MS = 100
const CPU_BOUND = 0.95
/**
 * Renewals change nothing a member sees; receivers drop a state not renewed for 30 s, and clients
 * renew every 15–18 s: past 8 s late, a state could time out. Ours holds them up to 5 s.
 */
const RENEWAL_P99_BOUND_MS = 8000
/** The projection: members one core carries at this share of it, at the company's real rates. */
export const PROJECTION_CPU = 0.7

export interface CapacityOptions {
  steps: readonly number[]
  /** Every rate multiplied by this (time compression), so the knee comes at fewer sockets. */
  compression: number
  windowMs: number
  /** Members of the projection step, run at real rates (no compression). */
  projectMembers: number
  /** The parts to run (all by default), so one part can be iterated on in minutes. */
  parts: readonly CapacityPart[]
  /** The servers the steps, projection and restart run for. */
  servers: readonly PeerKind[]
  /** Ours' node flags in the floor shapes, when not the shipped ones (to price each flag's tail latency). */
  floorFlags?: readonly string[]
}

export const CAPACITY_PARTS = ['steps', 'projection', 'floor', 'restart', 'pinning'] as const
export type CapacityPart = (typeof CAPACITY_PARTS)[number]
const SERVERS: readonly PeerKind[] = ['ours', 'reference', 'y-sweet', 'floor']

export const DEFAULT_CAPACITY: CapacityOptions = { steps: [500, 1000, 2000, 4000], compression: 4, windowMs: 6000, projectMembers: 2000, parts: CAPACITY_PARTS, servers: SERVERS }

export interface Projection {
  server: PeerKind
  measured: StepFigures
  /** Server CPU µs per connected member per second at real rates. */
  cpuUsPerMemberSecond: number
  /** Members one core carries at PROJECTION_CPU, if the cost per member stays what it was; null when the step lost deliveries (the members' core fell behind, so the server did less than the load asks). */
  projectedMembers: number | null
}

export interface CapacityResult {
  compression: number
  steps: StepFigures[]
  knees: { server: PeerKind; members: number | null; notRun?: string }[]
  unpinned: StepFigures[]
  floorShapes: { shape: string; ours: StepFigures; floor: StepFigures; ratio: number; oursP99s: number[]; floorP99s: number[]; oursCpuUs: number[]; floorCpuUs: number[] }[]
  restarts: RestartFigures[]
  projections: Projection[]
}

export function companyLoad(members: number, compression: number): { docSizes: number[]; load: Load } {
  const rates = burstRates(compression)
  const statusShare = (compression / STATUS_EDIT_S) / rates.presencePerMember
  return {
    docSizes: companyOf(members).map((team) => team.size),
    load: { changesPerSecond: members * rates.presencePerMember, roundMs: 10, renewalShare: rates.renewalShare, statusShare },
  }
}

export async function runCapacityBench(options: CapacityOptions = DEFAULT_CAPACITY): Promise<CapacityResult> {
  const runs = (part: CapacityPart) => options.parts.includes(part)
  const team = await createBenchTeam(Math.max(...options.steps, options.projectMembers, 1000))
  // The members run here: on core 1, the servers on core 0.
  pin(process.pid, '1')
  const result: CapacityResult = { compression: options.compression, steps: [], knees: [], unpinned: [], floorShapes: [], restarts: [], projections: [] }
  try {
    for (const server of options.servers) {
      if (server === 'y-sweet' && !ySweetBinary()) {
        result.knees.push({ server, members: null, notRun: `not run: y-sweet not installed (${Y_SWEET_INSTALL})` })
        continue
      }
      if (!runs('steps')) {
        // Without the steps, the projection and the restart run at the first step.
        result.knees.push({ server, members: null })
        continue
      }
      let knee: number | null = null
      for (const members of options.steps) {
        const figures = await runStep(team, { kind: server, ...companyLoad(members, options.compression), warmupMs: 2000, windowMs: options.windowMs, pinned: true, presentFirst: true })
        result.steps.push(figures)
        console.log(stepLine(figures))
        if (figures.p99Ms > P99_BOUND_MS || figures.renewalP99Ms > RENEWAL_P99_BOUND_MS || figures.cpuShare >= CPU_BOUND || figures.deliveredShare < 0.99) break
        knee = members
      }
      result.knees.push({ server, members: knee })
    }
    if (runs('projection')) for (const knee of result.knees) if (!knee.notRun) result.projections.push(await project(team, knee.server, options))
    if (runs('floor')) result.floorShapes = await floorShapes(team, options.windowMs, options.floorFlags)
    for (const knee of result.knees) {
      if (!runs('restart') || knee.notRun || knee.server === 'floor') continue
      const { docSizes, load } = companyLoad(knee.members ?? options.steps[0]!, options.compression)
      const restart = await runRestart(team, knee.server, docSizes, load)
      result.restarts.push(restart)
    }
    pin(process.pid, '0,1')
    const middle = options.steps[Math.min(2, options.steps.length - 1)]!
    for (const pinned of runs('pinning') ? [true, false] : []) {
      result.unpinned.push(await runStep(team, { kind: 'ours', ...companyLoad(middle, options.compression), warmupMs: 2000, windowMs: options.windowMs, pinned, presentFirst: true }))
    }
  } finally {
    pin(process.pid, '0,1')
    await team.remove()
  }
  printCapacity(result)
  return result
}

/**
 * One client core cannot drive a server to its knee here, so members per node is also projected:
 * the company at its real rates (no compression) with `projectMembers` members, the server's CPU
 * per member-second over the window, and the members that cost PROJECTION_CPU of one core. A
 * company grows by teams of the same mix, so the cost per member stays put; the server's idle
 * work is counted per member too, which errs low. `nodeFlags`: ours under other node flags (the
 * memory bench prices each flag in members per node).
 */
export async function project(team: BenchTeam, server: PeerKind, options: CapacityOptions, nodeFlags?: readonly string[]): Promise<Projection> {
  const measured = await runStep(team, { kind: server, ...companyLoad(options.projectMembers, 1), warmupMs: 2000, windowMs: options.windowMs, pinned: true, presentFirst: true, nodeFlags })
  console.log(`  projection: ${stepLine(measured)}`)
  const perMember = measured.cpuShare / measured.members
  const credible = measured.deliveredShare >= 0.99 && perMember > 0
  return { server, measured, cpuUsPerMemberSecond: perMember * 1e6, projectedMembers: credible ? PROJECTION_CPU / perMember : null }
}

/**
 * bench/fanout's two shapes on 1,000 members of one document at 10 changes/s: ours against the
 * floor, FLOOR_ROUNDS interleaved rounds each, since one run's p99 moves by a third between runs.
 * The ratio is of the median p99s; the row's figures are each server's median-p99 round.
 */
const FLOOR_ROUNDS = 3

async function floorShapes(team: BenchTeam, windowMs: number, oursFlags?: readonly string[]): Promise<CapacityResult['floorShapes']> {
  const shapes = [
    { shape: 'clustered', roundMs: 500 },
    { shape: 'spread', roundMs: 100 },
  ]
  const rows: CapacityResult['floorShapes'] = []
  for (const { shape, roundMs } of shapes) {
    const load: Load = { changesPerSecond: 10, roundMs, renewalShare: 0, statusShare: 0 }
    const run = async (kind: PeerKind) => {
      const figures = await runStep(team, { kind, docSizes: [1000], load, warmupMs: 1500, windowMs: Math.max(windowMs, 8000), pinned: true, presentFirst: false, nodeFlags: kind === 'ours' ? oursFlags : undefined })
      console.log(`  ${shape}: ${stepLine(figures)}`)
      return figures
    }
    const oursRounds: StepFigures[] = []
    const floorRounds: StepFigures[] = []
    for (let round = 0; round < FLOOR_ROUNDS; round++) {
      oursRounds.push(await run('ours'))
      floorRounds.push(await run('floor'))
    }
    const ours = medianByP99(oursRounds)
    const floor = medianByP99(floorRounds)
    rows.push({ shape, ours, floor, ratio: floor.p99Ms > 0 ? ours.p99Ms / floor.p99Ms : 0, oursP99s: oursRounds.map((f) => f.p99Ms), floorP99s: floorRounds.map((f) => f.p99Ms), oursCpuUs: oursRounds.map((f) => f.cpuUsPerDelivery), floorCpuUs: floorRounds.map((f) => f.cpuUsPerDelivery) })
  }
  return rows
}

/** CPU per delivery moves far less than p99 when other work shares the server's core. */
function medianOf(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0
}

function medianByP99(rounds: StepFigures[]): StepFigures {
  return [...rounds].sort((a, b) => a.p99Ms - b.p99Ms)[Math.floor(rounds.length / 2)]!
}

function stepLine(f: StepFigures): string {
  return `  ${f.server.padEnd(9)} ${String(f.members).padStart(5)} members in ${f.docs} docs${f.pinned ? '' : ' (unpinned)'}: p50 ${f.p50Ms.toFixed(1)} ms, p99 ${f.p99Ms.toFixed(1)} ms (renewals ${f.renewalP99Ms.toFixed(0)} ms), ${(f.deliveredShare * 100).toFixed(1)} % delivered (${(f.supersededShare * 100).toFixed(1)} % superseded), ${Math.round(f.deliveriesPerSecond)} deliveries/s, CPU ${(f.cpuShare * 100).toFixed(0)} % (${f.cpuUsPerDelivery.toFixed(1)} µs/delivery), RSS ${f.rssKbPerMember.toFixed(1)} KB/member, ${f.bytesPerDelivery.toFixed(1)} B/delivery`
}

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const row of rows) console.log(line(row))
}

function printCapacity(result: CapacityResult): void {
  console.log(`\nCapacity (issue 14): a company on one node, rates ×${result.compression} (time-compressed), server on core 0, members on core 1`)
  console.log(`  renewal every ${RENEWAL_S} s, a walk every ${WALK_MEAN_S / 60} min on average plus ${Math.round(HOUR_BURST_SHARE * 100)} % walking within ${HOUR_BURST_S} s on the hour, a status edit an hour`)
  const rows = result.knees.filter((knee) => knee.notRun || result.steps.some((s) => s.server === knee.server)).map((knee) => {
    if (knee.notRun) return [knee.server, knee.notRun, '', '', '', '', '']
    const at = result.steps.find((s) => s.server === knee.server && s.members === knee.members)
    if (!at) return [knee.server, `below ${result.steps.find((s) => s.server === knee.server)?.members ?? '?'}`, '', '', '', '', '']
    const last = result.steps.filter((s) => s.server === knee.server).at(-1)!
    const capped = last.members === knee.members ? ' (no knee within the steps)' : ''
    return [knee.server, `${knee.members}${capped}`, at.p99Ms.toFixed(1), `${(at.cpuShare * 100).toFixed(0)} %`, at.rssKbPerMember.toFixed(1), at.cpuUsPerDelivery.toFixed(1), at.bytesPerDelivery.toFixed(1)]
  })
  if (rows.length > 0) table(['server', 'knee (members)', 'p99 ms', 'CPU', 'RSS KB/member', 'CPU µs/delivery', 'B/delivery'], rows)
  if (result.projections.length > 0) printProjections(result)
  if (result.floorShapes.length > 0) printFloor(result)
  if (result.restarts.length > 0) printRestarts(result)
  if (result.unpinned.length > 0) {
    console.log('\nPinning, ours at one step')
    for (const f of result.unpinned) console.log(stepLine(f))
  }
}

function printProjections(result: CapacityResult): void {
  console.log(`\nMembers per node, projected: the company at real rates (no compression), ${Math.round(PROJECTION_CPU * 100)} % of one core`)
  table(
    ['server', 'members measured', 'CPU', 'CPU µs per member-second', `members at ${Math.round(PROJECTION_CPU * 100)} % CPU (projected)`, 'measured knee as real-rate members'],
    result.projections.map((p) => {
      const knee = result.knees.find((k) => k.server === p.server)?.members
      return [p.server, String(p.measured.members), `${(p.measured.cpuShare * 100).toFixed(1)} %`, p.cpuUsPerMemberSecond.toFixed(1), p.projectedMembers === null ? `none: ${(p.measured.deliveredShare * 100).toFixed(1)} % delivered` : String(Math.round(p.projectedMembers)), knee ? `${knee * result.compression} (${knee} at ×${result.compression})` : '']
    }),
  )
}

function printFloor(result: CapacityResult): void {
  console.log(`\nDistance to the floor: 1,000 members on one document, 10 changes/s (bench/fanout shapes), median p99 of ${FLOOR_ROUNDS} interleaved rounds`)
  const p99s = (values: number[]) => values.map((v) => v.toFixed(1)).join(' / ')
  table(
    ['shape', 'ours p99 ms', 'floor p99 ms', 'ours/floor', 'ours rounds', 'floor rounds', 'ours CPU', 'floor CPU', 'CPU µs/delivery ours / floor'],
    result.floorShapes.map((r) => [r.shape, r.ours.p99Ms.toFixed(1), r.floor.p99Ms.toFixed(1), `${r.ratio.toFixed(2)}×`, p99s(r.oursP99s), p99s(r.floorP99s), `${(r.ours.cpuShare * 100).toFixed(0)} %`, `${(r.floor.cpuShare * 100).toFixed(0)} %`, `${medianOf(r.oursCpuUs).toFixed(2)} / ${medianOf(r.floorCpuUs).toFixed(2)}`]),
  )
}

function printRestarts(result: CapacityResult): void {
  console.log("\nAfter a deploy: the node restarted under the knee's load (members back with the core's full-jitter backoff)")
  table(
    ['server', 'members', 'down (stop → listening)', 'all back and synced after', 'peak reconnects/s', 'failed attempts', "walks' p99 meanwhile"],
    result.restarts.map((r) => [r.server, String(r.members), `${(r.downMs / 1000).toFixed(1)} s`, r.allBackMs === null ? 'not within 60 s' : `${(r.allBackMs / 1000).toFixed(1)} s`, String(r.peakReconnectsPerSecond), String(r.failedAttempts), r.walkP99Ms === null ? '-' : `${r.walkP99Ms.toFixed(0)} ms`]),
  )
}

/** The command line's options; an unknown part or server is refused, naming the choices. */
export function capacityOptionsFrom(args: string[]): CapacityOptions {
  const { values } = parseArgs({ args, options: { steps: { type: 'string' }, compression: { type: 'string' }, window: { type: 'string' }, project: { type: 'string' }, only: { type: 'string' }, servers: { type: 'string' }, 'floor-flags': { type: 'string' } } })
  return {
    parts: values.only ? listOf(values.only, CAPACITY_PARTS, '--only') : CAPACITY_PARTS,
    servers: values.servers ? listOf(values.servers, SERVERS, '--servers') : SERVERS,
    steps: values.steps ? values.steps.split(',').map(Number) : DEFAULT_CAPACITY.steps,
    compression: values.compression ? Number(values.compression) : DEFAULT_CAPACITY.compression,
    windowMs: values.window ? Number(values.window) * 1000 : DEFAULT_CAPACITY.windowMs,
    projectMembers: values.project ? Number(values.project) : DEFAULT_CAPACITY.projectMembers,
    // An empty value is node's defaults: no flags.
    ...(values['floor-flags'] !== undefined ? { floorFlags: values['floor-flags'].split(' ').filter((flag) => flag.length > 0) } : {}),
  }
}

function listOf<T extends string>(value: string, known: readonly T[], flag: string): T[] {
  const names = value.split(',')
  const unknown = names.filter((name) => !known.includes(name as T))
  if (unknown.length > 0) throw new Error(`${flag}: unknown ${unknown.join(', ')}; choose from ${known.join(', ')}`)
  return names as T[]
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runCapacityBench(capacityOptionsFrom(process.argv.slice(2)))
  process.exit(0)
}
