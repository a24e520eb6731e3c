// One configuration against every server under test. Each server runs in its own process with its
// own generators and clients; all stay connected while the load alternates between servers in
// short slices (A B B A …), so a noisy neighbour on the machine weighs on both alike.
import type { BenchTeam } from './bench-team'
import { GeneratorProcess } from './generator-process'
import { joinPlan } from './join-plan'
import type { GeneratorReport, GeneratorRole, ProgressReply } from './messages'
import { cpuSeconds, rssBytes } from './proc-stats'
import { startServerProcess, type ServerKind, type ServerProcess } from './server-process'
import { percentile } from './stats'

/** How changes are spaced: every `roundMs`, changesPerSecond × roundMs / 1000 clients change at once. */
export interface LoadShape {
  name: string
  roundMs: number
}

export interface FanoutConfig {
  clients: number
  docs: number
  changesPerSecond: number
  shapes: LoadShape[]
  /** Unmeasured load per server before each shape. */
  warmupMs: number
  /** Measured time per server and shape, split into `slices` alternating slices. */
  windowMs: number
  slices: number
  /** How long to wait after a slice for changes still in flight before counting them lost. */
  drainMs: number
}

export interface ShapeResult {
  p50Ms: number
  p99Ms: number
  maxMs: number
  changes: number
  expected: number
  delivered: number
  bytesPerDelivery: number
  /** Highest resident set size sampled after each measured slice. */
  serverRssMb: number
  /** Percent of one core over the measured slices. */
  serverCpuPercent: number
  crowdCpuPercent: number
  probeLoopDelayP99Ms: number
  disconnects: number
}

export type ServerOutcome =
  | {
      ok: true
      server: ServerKind
      connectMs: number
      /** Resident set size of the server before any client connected. */
      idleRssMb: number
      serverLogLines: number
      shapes: Array<{ shape: LoadShape; result: ShapeResult }>
    }
  | { ok: false; server: ServerKind; reason: string }

interface Side {
  kind: ServerKind
  server: ServerProcess
  /** Crowd first: it must be counting before the probes send. */
  generators: Map<GeneratorRole, GeneratorProcess>
  connectMs: number
  idleRssMb: number
  /** Accumulated over the measured slices of the current shape. */
  cpuSeconds: number
  wallSeconds: number
  rssMb: number
}

export async function runComparison(config: FanoutConfig, team: BenchTeam, kinds: readonly ServerKind[], cpuProfileDir?: string): Promise<ServerOutcome[]> {
  const sides: Side[] = []
  const failed: ServerOutcome[] = []
  try {
    for (const kind of kinds) {
      const opened = await openSide(kind, config, team, cpuProfileDir)
      if ('reason' in opened) failed.push({ ok: false, server: kind, reason: opened.reason })
      else sides.push(opened)
    }
    const results = new Map<Side, Array<{ shape: LoadShape; result: ShapeResult }>>(sides.map((side) => [side, []]))
    for (const shape of config.shapes) {
      for (const side of sides) await runSlice(side, config, shape, false, config.warmupMs)
      for (let i = 0; i < config.slices; i++) {
        for (const side of i % 2 === 0 ? sides : [...sides].reverse()) await runSlice(side, config, shape, true, config.windowMs / config.slices)
      }
      for (const side of sides) results.get(side)!.push({ shape, result: await collect(side) })
    }
    const outcomes: ServerOutcome[] = sides.map((side) => ({
      ok: true,
      server: side.kind,
      connectMs: side.connectMs,
      idleRssMb: side.idleRssMb,
      serverLogLines: side.server.logLines,
      shapes: results.get(side)!,
    }))
    return [...outcomes, ...failed].sort((a, b) => kinds.indexOf(a.server) - kinds.indexOf(b.server))
  } finally {
    for (const side of sides) await closeSide(side)
  }
}

async function openSide(kind: ServerKind, config: FanoutConfig, team: BenchTeam, cpuProfileDir?: string): Promise<Side | { reason: string }> {
  const server = await startServerProcess(kind, { dataDir: team.dataDir, cpuProfileDir })
  const idleRssMb = rssBytes(server.pid) / 1024 / 1024
  const side: Side = { kind, server, generators: new Map(), connectMs: 0, idleRssMb, cpuSeconds: 0, wallSeconds: 0, rssMb: 0 }
  const changesPerRound = Math.max(...config.shapes.map((shape) => Math.ceil((config.changesPerSecond * shape.roundMs) / 1000)))
  const plan = joinPlan(team.plans(config.clients, config.docs), changesPerRound)
  const started = performance.now()
  try {
    for (const role of ['crowd', 'probe'] as const) {
      if (!plan.steps.some((step) => step.role === role)) continue
      const generator = new GeneratorProcess()
      side.generators.set(role, generator)
      await generator.request({ cmd: 'setup', role, serverUrl: server.syncUrl, clientsPerDoc: plan.clientsPerDoc })
    }
    for (const step of plan.steps) await side.generators.get(step.role)!.request({ cmd: 'connect', clients: step.clients })
    side.connectMs = performance.now() - started
    return side
  } catch (error) {
    await closeSide(side)
    return { reason: `clients could not all connect: ${(error as Error).message}` }
  }
}

async function runSlice(side: Side, config: FanoutConfig, shape: LoadShape, measured: boolean, ms: number): Promise<void> {
  const generators = [...side.generators.values()]
  const cpuBefore = cpuSeconds(side.server.pid)
  const started = performance.now()
  for (const generator of generators) {
    await generator.request({ cmd: 'start', changesPerSecond: config.changesPerSecond, roundMs: shape.roundMs, measured })
  }
  await delay(ms)
  for (const generator of generators.reverse()) await generator.request({ cmd: 'stop' })
  if (measured) {
    side.cpuSeconds += cpuSeconds(side.server.pid) - cpuBefore
    side.wallSeconds += (performance.now() - started) / 1000
    side.rssMb = Math.max(side.rssMb, rssBytes(side.server.pid) / 1024 / 1024)
  }
  const deadline = Date.now() + config.drainMs
  while ((await inFlight(side)) && Date.now() < deadline) await delay(50)
}

/** Whether measured changes are still on their way. */
async function inFlight(side: Side): Promise<boolean> {
  let expected = 0
  let delivered = 0
  for (const generator of side.generators.values()) {
    const reply = await generator.request<ProgressReply>({ cmd: 'progress' })
    expected += reply.expected
    delivered += reply.delivered
  }
  return delivered < expected
}

async function collect(side: Side): Promise<ShapeResult> {
  const reports = new Map<GeneratorRole, GeneratorReport>()
  for (const [role, generator] of side.generators) reports.set(role, await generator.request<GeneratorReport>({ cmd: 'report' }))
  const all = [...reports.values()]
  const sum = (pick: (r: GeneratorReport) => number) => all.reduce((total, r) => total + pick(r), 0)
  const probe = reports.get('probe')!
  const sorted = probe.latencies.sort()
  const entries = sum((r) => r.entriesReceived)
  const result: ShapeResult = {
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    maxMs: percentile(sorted, 1),
    changes: probe.changes,
    expected: probe.expected,
    delivered: sum((r) => r.delivered),
    bytesPerDelivery: entries > 0 ? sum((r) => r.bytesReceived) / entries : 0,
    serverRssMb: side.rssMb,
    serverCpuPercent: side.wallSeconds > 0 ? (side.cpuSeconds / side.wallSeconds) * 100 : 0,
    crowdCpuPercent: reports.get('crowd')?.cpuPercent ?? 0,
    probeLoopDelayP99Ms: probe.loopDelayP99Ms,
    disconnects: sum((r) => r.disconnects),
  }
  side.cpuSeconds = 0
  side.wallSeconds = 0
  side.rssMb = 0
  return result
}

async function closeSide(side: Side): Promise<void> {
  for (const generator of side.generators.values()) await generator.close()
  await side.server.stop()
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
