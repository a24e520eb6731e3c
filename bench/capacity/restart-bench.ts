// `npm run bench -- restart`: only the capacity bench's "after a deploy" measure, at a fixed company
// size, several interleaved rounds per server so one noisy round does not decide. Medians reported.
// `--compare-build out/before/server/main.js` runs that build of ours beside this one in every round.
// Ours runs twice: binding its port, and on a socket the bench holds across the restart (systemd's .socket unit).
// Each round starts one server later than the one before.
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import { createBenchTeam } from '../fanout/bench-team'
import { burstRates, companyOf } from './company'
import { Y_SWEET_INSTALL, pin, ySweetBinary, type PeerKind } from './peers'
import { runRestart, type RestartFigures } from './restart'
import { existingFile } from './run'

export interface RestartBenchOptions {
  members: number
  rounds: number
  /** As in the capacity bench: every rate multiplied by this. */
  compression: number
  servers: readonly PeerKind[]
  /** Ours only: each restarted server writes a V8 CPU profile here. */
  cpuProfileDir?: string
  /** Ours only: another build's main.js, run as "ours (compare)" beside this one in every round. */
  compareBuild?: string
}

export const DEFAULT_RESTART_BENCH: RestartBenchOptions = { members: 1000, rounds: 3, compression: 4, servers: ['ours', 'reference', 'y-sweet'] }

export interface RestartMedians {
  /** The server, or "ours (compare)" for --compare-build's. */
  server: string
  members: number
  rounds: number
  stopMs: number
  downMs: number
  /** Null when a round did not have every member back within its timeout. */
  allBackMs: number | null
  peakReconnectsPerSecond: number
  failedAttempts: number
  /** Over the rounds that timed walks. */
  walkP99Ms: number | null
  /** Null when a round did not have every member back. */
  cpuUsPerAdmission: number | null
  /** The kernel's part of it (median over the rounds); null as cpuUsPerAdmission. */
  kernelUsPerAdmission: number | null
  /** Over the rounds that probed. */
  worstProbeMs: number | null
  /** Median over the rounds of each round's median (null: the server names no wait). */
  namedWaitShortMs: number | null
}

interface RestartRun {
  label: string
  kind: PeerKind
  entry?: string
  heldSocket?: boolean
  handOver?: boolean
}

/** Ours deployed by a live hand-over (`--hand-over`, SIGHUP to its keeper): no member reconnects. */
export const HAND_OVER_LABEL = 'ours (hand-over)'

/** Ours as the README runs it under systemd: a .socket unit holds the port across the restart. */
export const HELD_SOCKET_LABEL = 'ours (held socket)'

export async function runRestartBench(options: RestartBenchOptions = DEFAULT_RESTART_BENCH): Promise<{ rounds: Array<RestartFigures & { label: string }>; medians: RestartMedians[] }> {
  const kinds = options.servers.filter((server) => server !== 'y-sweet' || ySweetBinary())
  if (kinds.length < options.servers.length) console.log(`y-sweet not run: not installed (${Y_SWEET_INSTALL})`)
  const servers: RestartRun[] = kinds.flatMap((kind): RestartRun[] =>
    kind === 'ours'
      ? [
          ...(options.compareBuild
            ? [
                { label: 'ours (compare)', kind, entry: options.compareBuild },
                { label: 'ours (compare, held socket)', kind, entry: options.compareBuild, heldSocket: true },
              ]
            : []),
          { label: 'ours', kind },
          { label: HELD_SOCKET_LABEL, kind, heldSocket: true },
          { label: HAND_OVER_LABEL, kind, handOver: true },
        ]
      : [{ label: kind, kind }],
  )
  const docSizes = companyOf(options.members).map((team) => team.size)
  const rates = burstRates(options.compression)
  const load = { changesPerSecond: options.members * rates.presencePerMember, renewalShare: rates.renewalShare }
  const team = await createBenchTeam(options.members)
  pin(process.pid, '1')
  const rounds: Array<RestartFigures & { label: string }> = []
  try {
    for (let round = 0; round < options.rounds; round++) {
      // Each round starts one server later (A B, B A, …): the machine's load drifts within a run, so a fixed order would favour one.
      const order = servers.map((_, i) => servers[(i + round) % servers.length]!)
      for (const server of order) {
        const figures = await runRestart(team, server.kind, docSizes, load, server.kind === 'ours' ? { cpuProfileDir: options.cpuProfileDir, entry: server.entry, heldSocket: server.heldSocket, handOver: server.handOver } : {})
        rounds.push({ ...figures, label: server.label })
        console.log(`round ${round + 1} ${server.label} (load ${loadavg()[0]!.toFixed(2)}): stop ${(figures.stopMs / 1000).toFixed(2)} s, down ${(figures.downMs / 1000).toFixed(2)} s, all back ${figures.allBackMs === null ? 'not within 60 s' : `${(figures.allBackMs / 1000).toFixed(2)} s`}, peak ${figures.peakReconnectsPerSecond}/s, failed ${figures.failedAttempts}, walks' p99 meanwhile ${msText(figures.walkP99Ms)}, server CPU ${cpuText(figures.cpuUsPerAdmission, figures.kernelUsPerAdmission)} per admission, slowest probe ${probeText(figures.worstProbeMs)}, named wait short by ${shortText(figures.namedWaitShortMs)}`)
      }
    }
  } finally {
    pin(process.pid, '0,1')
    await team.remove()
  }
  const medians = servers.map(({ label }): RestartMedians => {
    const mine = rounds.filter((r) => r.label === label)
    const allBack = mine.map((r) => r.allBackMs)
    return {
      server: label,
      members: options.members,
      rounds: mine.length,
      stopMs: median(mine.map((r) => r.stopMs)),
      downMs: median(mine.map((r) => r.downMs)),
      allBackMs: allBack.includes(null) ? null : median(allBack as number[]),
      peakReconnectsPerSecond: median(mine.map((r) => r.peakReconnectsPerSecond)),
      failedAttempts: median(mine.map((r) => r.failedAttempts)),
      walkP99Ms: medianOf(mine.map((r) => r.walkP99Ms)),
      cpuUsPerAdmission: mine.some((r) => r.cpuUsPerAdmission === null) ? null : median(mine.map((r) => r.cpuUsPerAdmission!)),
      kernelUsPerAdmission: mine.some((r) => r.kernelUsPerAdmission === null) ? null : median(mine.map((r) => r.kernelUsPerAdmission!)),
      worstProbeMs: probed(mine),
      namedWaitShortMs: medianOf(mine.map((r) => r.namedWaitShortMs?.median ?? null)),
    }
  })
  console.log(`\nAfter a deploy, ${options.members} members, medians of ${options.rounds} rounds`)
  console.log(['server', 'stop (signal → exited)', 'down (stop → listening)', 'all back and synced', 'peak reconnects/s', 'failed attempts', "walks' p99 meanwhile", 'server CPU per admission (of it the kernel)', 'slowest HTTP probe (ours /readyz)', "1012's wait short by (median)"].join(' | '))
  for (const m of medians) {
    console.log([m.server, `${(m.stopMs / 1000).toFixed(2)} s`, `${(m.downMs / 1000).toFixed(2)} s`, m.allBackMs === null ? 'not all within 60 s' : `${(m.allBackMs / 1000).toFixed(2)} s`, String(m.peakReconnectsPerSecond), String(m.failedAttempts), msText(m.walkP99Ms), cpuText(m.cpuUsPerAdmission, m.kernelUsPerAdmission), probeText(m.worstProbeMs), msText(m.namedWaitShortMs)].join(' | '))
  }
  return { rounds, medians }
}

function probed(rounds: readonly RestartFigures[]): number | null {
  return medianOf(rounds.map((r) => r.worstProbeMs))
}

/** The median of the values there are, or null if none. */
function medianOf(values: readonly (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null)
  return present.length === 0 ? null : median(present)
}

function msText(ms: number | null): string {
  return ms === null ? '-' : `${ms.toFixed(0)} ms`
}

function probeText(ms: number | null): string {
  return ms === null ? 'none (all back first)' : `${ms.toFixed(0)} ms`
}

function shortText(short: { median: number; max: number } | null): string {
  return short === null ? '- (names none)' : `${short.median.toFixed(0)} ms (median), up to ${short.max.toFixed(0)} ms`
}

function cpuText(us: number | null, kernelUs: number | null): string {
  return us === null ? '-' : `${us.toFixed(0)} µs (kernel ${kernelUs?.toFixed(0) ?? '-'})`
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { members: { type: 'string' }, rounds: { type: 'string' }, compression: { type: 'string' }, servers: { type: 'string' }, profile: { type: 'string' }, 'compare-build': { type: 'string' } } })
  await runRestartBench({
    members: values.members ? Number(values.members) : DEFAULT_RESTART_BENCH.members,
    rounds: values.rounds ? Number(values.rounds) : DEFAULT_RESTART_BENCH.rounds,
    compression: values.compression ? Number(values.compression) : DEFAULT_RESTART_BENCH.compression,
    servers: values.servers ? (values.servers.split(',') as PeerKind[]) : DEFAULT_RESTART_BENCH.servers,
    cpuProfileDir: values.profile,
    ...(values['compare-build'] ? { compareBuild: existingFile(values['compare-build'], '--compare-build') } : {}),
  })
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main()
}
