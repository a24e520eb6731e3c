// Memory of the sync server (issue 14): idle, per idle connection, and per member under the capacity
// bench's company load, ours (the production build as shipped, and another build beside it when
// SERVER_MEMORY_COMPARE_BUILD names its main.js: what a change saves, and what it costs in CPU per
// delivery and in members per node) against @y/websocket-server, in interleaved rounds. The figures
// are RSS as the kernel counts it, garbage included; ours as shipped and the reference are also
// measured after a full GC at both ends (in servers of their own, since a GC at idle lowers what
// follows), which is what a member keeps alive. Ours' idle GC collections and pauses under each load
// come from its /metrics.
import { loadavg } from 'node:os'
import { resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { SERVER_NODE_FLAGS } from '../scripts/server-build'
import { DEFAULT_CAPACITY, PROJECTION_CPU, companyLoad, project } from './capacity/run'
import { runStep, type StepFigures } from './capacity/step'
import { createBenchTeam, type BenchTeam } from './fanout/bench-team'
import { fullGcRss, settledRss } from './fanout/proc-stats'
import { startServerProcess, type ServerKind } from './fanout/server-process'
import { closeStockClients, openStockClients, SocketLedger } from './fanout/stock-clients'
import type { Figure } from './presence'

const CONNECTIONS = 500
const DOCS = 50
/** Members under the company load: the capacity bench's first step (its knee on a busy machine). */
const MIX_MEMBERS = 500
const ROUNDS = 3
const MB = 1024 * 1024

export type MemoryVariant = { label: string; kind: ServerKind; nodeFlags?: readonly string[]; entry?: string; afterGc?: boolean }
const COMPARE_BUILD = process.env.SERVER_MEMORY_COMPARE_BUILD
/** The node flags that build runs with (space-separated, e.g. the ones shipped before); ours' when absent. */
const COMPARE_FLAGS = process.env.SERVER_MEMORY_COMPARE_FLAGS?.split(' ').filter(Boolean)
/** Ours as shipped, the build SERVER_MEMORY_COMPARE_BUILD names (when it does), the reference last. */
export const SERVER_MEMORY_VARIANTS: readonly MemoryVariant[] = [
  { label: `ours (built, ${SERVER_NODE_FLAGS.join(' ')}, as shipped)`, kind: 'ours', afterGc: true },
  ...(COMPARE_BUILD
    ? [{ label: `ours (${COMPARE_BUILD}, ${COMPARE_FLAGS ? COMPARE_FLAGS.join(' ') : 'same flags'})`, kind: 'ours' as const, entry: resolve(COMPARE_BUILD), nodeFlags: COMPARE_FLAGS }]
    : []),
  { label: '@y/websocket-server 0.1.1', kind: 'reference', afterGc: true },
]

interface Sample {
  idle: number
  perConnection: number
  mix: StepFigures
  /** Server CPU µs per member-second at the company's real rates, pinned (the capacity bench's projection step). */
  cpuUsPerMemberSecond: number
  /** That step's figures: RSS per member at that size, and ours' idle GC collections. */
  projection: StepFigures
  /** The same after a full GC at both ends (variants with afterGc). */
  gc?: { idle: number; perConnection: number; perMember: number }
}


async function measureIdle(variant: MemoryVariant, team: BenchTeam, afterGc = false): Promise<Pick<Sample, 'idle' | 'perConnection'>> {
  const server = await startServerProcess(variant.kind, { dataDir: team.dataDir, nodeFlags: variant.nodeFlags, entry: variant.entry, gcOnSignal: afterGc })
  const rss = afterGc ? fullGcRss : settledRss
  try {
    await sleep(1500)
    const idle = await rss(server.pid)
    const clients = await openStockClients(server.syncUrl, team.plans(CONNECTIONS, DOCS), new SocketLedger(), { batch: 50, timeoutMs: 120_000 })
    const connected = await rss(server.pid)
    closeStockClients(clients)
    return { idle, perConnection: Math.max(0, connected - idle) / CONNECTIONS }
  } finally {
    await server.stop()
  }
}

/** The capacity bench's step (light members, presence renewals, walks and status edits), unpinned. */
function measureMix(variant: MemoryVariant, team: BenchTeam, gcOnSignal = false): Promise<StepFigures> {
  const { docSizes, load } = companyLoad(MIX_MEMBERS, DEFAULT_CAPACITY.compression)
  return runStep(team, { kind: variant.kind, docSizes, load, warmupMs: 2000, windowMs: DEFAULT_CAPACITY.windowMs, pinned: false, presentFirst: true, nodeFlags: variant.nodeFlags, entry: variant.entry, gcOnSignal })
}

async function measureAfterGc(variant: MemoryVariant, team: BenchTeam): Promise<NonNullable<Sample['gc']>> {
  const idle = await measureIdle(variant, team, true)
  const mix = await measureMix(variant, team, true)
  return { ...idle, perMember: mix.rssKbPerMemberAfterGc! }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

export async function runServerMemoryBench(): Promise<Figure[]> {
  const team = await createBenchTeam(Math.max(CONNECTIONS, MIX_MEMBERS))
  // A team of its own: the bench team has a room per member, and ours loads the team document for
  // every discussion's room check (4.9 MB of heap at 2,000 rooms): sharing one added ~12 KB per
  // member and ~10 KB per idle connection to the 500-member figures.
  const projectionTeam = await createBenchTeam(DEFAULT_CAPACITY.projectMembers)
  const samples = new Map<string, Sample[]>(SERVER_MEMORY_VARIANTS.map((v) => [v.label, []]))
  try {
    // Interleaved rounds, so a busy moment on the machine lands on every server alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const variant of SERVER_MEMORY_VARIANTS) {
        const idle = await measureIdle(variant, team)
        // Each round's figure, so one odd start shows beside the medians (load average: the machine's share).
        console.log(`  idle:         ${variant.label}: ${(idle.idle / MB).toFixed(2)} MB, ${(idle.perConnection / 1024).toFixed(1)} KB per idle connection (load ${loadavg()[0]!.toFixed(2)})`)
        const mix = await measureMix(variant, team)
        // The reference too, for its memory at that size; only ours' CPU is projected below.
        const projected = await project(projectionTeam, variant.kind, DEFAULT_CAPACITY, variant.kind === 'ours' ? { nodeFlags: variant.nodeFlags, entry: variant.entry } : {})
        samples.get(variant.label)!.push({ ...idle, mix, cpuUsPerMemberSecond: projected.cpuUsPerMemberSecond, projection: projected.measured, gc: variant.afterGc ? await measureAfterGc(variant, team) : undefined })
      }
    }
  } finally {
    await team.remove()
    await projectionTeam.remove()
  }
  const medianOf = (label: string, pick: (s: Sample) => number) => median(samples.get(label)!.map(pick))
  const reference = SERVER_MEMORY_VARIANTS.at(-1)!.label
  const figure = (name: string, unit: string, label: string, pick: (s: Sample) => number, digits = 1): Figure => ({
    name: `${name}, ${label} (median of ${ROUNDS})`,
    value: +medianOf(label, pick).toFixed(digits),
    unit,
    baseline: { name: 'reference', value: +medianOf(reference, pick).toFixed(digits) },
  })
  // The price of a flag in members per node, against ours as shipped (the reference is not projected here).
  const shipped = SERVER_MEMORY_VARIANTS[0]!.label
  const cpuPerMember = (label: string) => medianOf(label, (s) => s.cpuUsPerMemberSecond!)
  const membersAt = (label: string) => Math.round((PROJECTION_CPU * 1e6) / cpuPerMember(label))
  const projectionFigures = (label: string): Figure[] => [
    { name: `server CPU per member-second, real rates, ${DEFAULT_CAPACITY.projectMembers} members pinned, ${label} (median of ${ROUNDS})`, value: +cpuPerMember(label).toFixed(1), unit: 'µs', baseline: { name: 'as shipped', value: +cpuPerMember(shipped).toFixed(1) } },
    { name: `members per node at ${PROJECTION_CPU * 100} % of a core, projected, ${label}`, value: membersAt(label), unit: 'members', baseline: { name: 'as shipped', value: membersAt(shipped) } },
  ]
  // When collections fell and how long they paused the loop, under the company load (×4, 500) and at real rates (2,000).
  const idleGcFigures = (label: string): Figure[] =>
    (['mix', 'projection'] as const).flatMap((step) => {
      const load = step === 'mix' ? `company load (${MIX_MEMBERS} ×${DEFAULT_CAPACITY.compression})` : `real rates (${DEFAULT_CAPACITY.projectMembers})`
      const gcs = (pick: (gc: NonNullable<StepFigures['idleGc']>) => number) => (s: Sample) => pick(s[step]!.idleGc!)
      const shipped = (pick: (s: Sample) => number) => ({ name: 'as shipped', value: +medianOf(SERVER_MEMORY_VARIANTS[0]!.label, pick).toFixed(1) })
      const of = (name: string, unit: string, pick: (s: Sample) => number): Figure => ({ name: `${name}, ${load}, ${label} (median of ${ROUNDS})`, value: +medianOf(label, pick).toFixed(1), unit, baseline: shipped(pick) })
      return [
        of('idle GCs in the timed window', 'collections', gcs((gc) => gc.inWindow)),
        of('idle GCs from start to the end of the step', 'collections', gcs((gc) => gc.total)),
        of('idle GC longest pause', 'ms', gcs((gc) => gc.longestPauseMs)),
      ]
    })
  return SERVER_MEMORY_VARIANTS.slice(0, -1).flatMap((variant) => [
    figure('idle RSS', 'MB', variant.label, (s) => s.idle / MB),
    figure(`RSS per idle connection (${CONNECTIONS} on ${DOCS} docs)`, 'KB', variant.label, (s) => s.perConnection / 1024),
    figure(`RSS per member, company load (${MIX_MEMBERS} members ×${DEFAULT_CAPACITY.compression})`, 'KB', variant.label, (s) => s.mix.rssKbPerMember),
    // At 500 members a member's share of the fixed costs of a warm server (compiled code, young
    // generation, the garbage before a collection) is large; at the projection's size it is not.
    figure(`RSS per member, ${DEFAULT_CAPACITY.projectMembers} members at real rates (pinned)`, 'KB', variant.label, (s) => s.projection.rssKbPerMember),
    figure('p99 delivery, company load', 'ms', variant.label, (s) => s.mix.p99Ms),
    figure('server CPU per delivery, company load', 'µs', variant.label, (s) => s.mix.cpuUsPerDelivery, 2),
    ...(variant.kind === 'ours' ? [...projectionFigures(variant.label), ...idleGcFigures(variant.label)] : []),
    ...(variant.afterGc
      ? [
          figure('idle RSS after a full GC', 'MB', variant.label, (s) => s.gc!.idle / MB),
          figure(`RSS per idle connection after a full GC (${CONNECTIONS} on ${DOCS} docs)`, 'KB', variant.label, (s) => s.gc!.perConnection / 1024),
          figure(`RSS per member after a full GC, company load (${MIX_MEMBERS} members ×${DEFAULT_CAPACITY.compression})`, 'KB', variant.label, (s) => s.gc!.perMember),
        ]
      : []),
  ])
}
