// Idle RSS of the sync server, and the same once its first member has connected (issue 14): what an
// idle server defers to its first connection (the idle GC's loop measure, perf_hooks) shows up here
// instead of vanishing. The servers and their order are serverMemory's (ours as shipped, the build
// SERVER_MEMORY_COMPARE_BUILD names, the reference), in more rounds, since each is a few seconds.
import { setTimeout as sleep } from 'node:timers/promises'
import { createBenchTeam, type BenchTeam } from './fanout/bench-team'
import { settledRss } from './fanout/proc-stats'
import { startServerProcess } from './fanout/server-process'
import { closeStockClients, openStockClients, SocketLedger } from './fanout/stock-clients'
import type { Figure } from './presence'
import { SERVER_MEMORY_VARIANTS, type MemoryVariant } from './server-memory'

const ROUNDS = 5
const MB = 1024 * 1024

interface IdleSample {
  idle: number
  oneMember: number
}

async function measure(variant: MemoryVariant, team: BenchTeam): Promise<IdleSample> {
  const server = await startServerProcess(variant.kind, { dataDir: team.dataDir, nodeFlags: variant.nodeFlags, entry: variant.entry })
  try {
    // As serverMemory: the lowest of five samples after 1.5 s.
    await sleep(1500)
    const idle = await settledRss(server.pid)
    // One member with a presence state, as a Hallway client joins.
    const clients = await openStockClients(server.syncUrl, team.plans(1, 1), new SocketLedger(), { batch: 1, timeoutMs: 30_000, state: { user: 'load-1' } })
    const oneMember = await settledRss(server.pid)
    closeStockClients(clients)
    return { idle, oneMember }
  } finally {
    await server.stop()
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

export async function runServerIdleBench(): Promise<Figure[]> {
  const team = await createBenchTeam(1)
  const samples = new Map<string, IdleSample[]>(SERVER_MEMORY_VARIANTS.map((v) => [v.label, []]))
  try {
    // Interleaved, so a busy moment on the machine lands on every server alike.
    for (let round = 0; round < ROUNDS; round++) for (const variant of SERVER_MEMORY_VARIANTS) samples.get(variant.label)!.push(await measure(variant, team))
  } finally {
    await team.remove()
  }
  const reference = SERVER_MEMORY_VARIANTS.at(-1)!.label
  const medianOf = (label: string, pick: (s: IdleSample) => number) => +(median(samples.get(label)!.map(pick)) / MB).toFixed(2)
  const figure = (name: string, label: string, pick: (s: IdleSample) => number): Figure => ({
    name: `${name}, ${label} (median of ${ROUNDS})`,
    value: medianOf(label, pick),
    unit: 'MB',
    baseline: { name: 'reference', value: medianOf(reference, pick) },
  })
  return SERVER_MEMORY_VARIANTS.slice(0, -1).flatMap((variant) => [
    figure('idle RSS', variant.label, (s) => s.idle),
    figure('RSS with one member connected', variant.label, (s) => s.oneMember),
    figure('what the first member adds', variant.label, (s) => s.oneMember - s.idle),
  ])
}
