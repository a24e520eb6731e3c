// Capacity bench (issue 14): members per node for ours, @y/websocket-server 0.1.1, y-sweet 0.9.1 and
// a bare relay (the floor), with light raw-protocol members. `npm run bench -- capacity`; alone:
// node --import tsx bench/capacity/run.ts [--steps 500,1000,2000,4000] [--compression C] [--window S] [--project MEMBERS]
//   [--only steps,projection,floor,restart,pinning] [--servers ours,reference,y-sweet,floor] [--floor-flags="FLAGS"]
//   [--compare-build out/before/main.js]
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import { createBenchTeam, type BenchTeam } from '../fanout/bench-team'
import { burstRates, companyOf, STATUS_EDIT_S, RENEWAL_S, WALK_MEAN_S, HOUR_BURST_SHARE, HOUR_BURST_S } from './company'
import { Y_SWEET_INSTALL, pin, ySweetBinary, type PeerKind } from './peers'
import { runRestart, type RestartFigures } from './restart'
import { floorShapes, printFloor, type FloorShape } from './floor'
import { runStep, stepLine, type Load, type StepFigures, type StepSetup } from './step'

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
  /** Another build's main.js (a copy of out/server made before a change), run beside ours in the floor shapes. */
  compareBuild?: string
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
  floorShapes: FloorShape[]
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
    if (runs('floor')) result.floorShapes = await floorShapes(team, { windowMs: options.windowMs, oursFlags: options.floorFlags, compareBuild: options.compareBuild })
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
 * work is counted per member too, which errs low. `ours`: ours under other node flags or another
 * build (the memory bench prices each in members per node).
 */
export async function project(team: BenchTeam, server: PeerKind, options: CapacityOptions, ours: Pick<StepSetup, 'nodeFlags' | 'entry'> = {}): Promise<Projection> {
  const measured = await runStep(team, { kind: server, ...companyLoad(options.projectMembers, 1), warmupMs: 2000, windowMs: options.windowMs, pinned: true, presentFirst: true, ...ours })
  console.log(`  projection: ${stepLine(measured)}`)
  const perMember = measured.cpuShare / measured.members
  const credible = measured.deliveredShare >= 0.99 && perMember > 0
  return { server, measured, cpuUsPerMemberSecond: perMember * 1e6, projectedMembers: credible ? PROJECTION_CPU / perMember : null }
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
  if (result.floorShapes.length > 0) printFloor(result.floorShapes)
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

function printRestarts(result: CapacityResult): void {
  console.log("\nAfter a deploy: the node restarted under the knee's load (members back with the core's full-jitter backoff)")
  table(
    ['server', 'members', 'down (stop → listening)', 'all back and synced after', 'peak reconnects/s', 'failed attempts', "walks' p99 meanwhile"],
    result.restarts.map((r) => [r.server, String(r.members), `${(r.downMs / 1000).toFixed(1)} s`, r.allBackMs === null ? 'not within 60 s' : `${(r.allBackMs / 1000).toFixed(1)} s`, String(r.peakReconnectsPerSecond), String(r.failedAttempts), r.walkP99Ms === null ? '-' : `${r.walkP99Ms.toFixed(0)} ms`]),
  )
}

/** The command line's options; an unknown part or server is refused, naming the choices. */
export function capacityOptionsFrom(args: string[]): CapacityOptions {
  const { values } = parseArgs({ args, options: { steps: { type: 'string' }, compression: { type: 'string' }, window: { type: 'string' }, project: { type: 'string' }, only: { type: 'string' }, servers: { type: 'string' }, 'floor-flags': { type: 'string' }, 'compare-build': { type: 'string' } } })
  return {
    parts: values.only ? listOf(values.only, CAPACITY_PARTS, '--only') : CAPACITY_PARTS,
    servers: values.servers ? listOf(values.servers, SERVERS, '--servers') : SERVERS,
    steps: values.steps ? values.steps.split(',').map(Number) : DEFAULT_CAPACITY.steps,
    compression: values.compression ? Number(values.compression) : DEFAULT_CAPACITY.compression,
    windowMs: values.window ? Number(values.window) * 1000 : DEFAULT_CAPACITY.windowMs,
    projectMembers: values.project ? Number(values.project) : DEFAULT_CAPACITY.projectMembers,
    // An empty value is node's defaults: no flags.
    ...(values['floor-flags'] !== undefined ? { floorFlags: values['floor-flags'].split(' ').filter((flag) => flag.length > 0) } : {}),
    ...(values['compare-build'] ? { compareBuild: existingFile(values['compare-build'], '--compare-build') } : {}),
  }
}

export function existingFile(path: string, flag: string): string {
  const absolute = resolve(path)
  if (!existsSync(absolute)) throw new Error(`${flag}: ${absolute} does not exist: copy a build first (cp -r out/server out/before) and name its main.js`)
  return absolute
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
