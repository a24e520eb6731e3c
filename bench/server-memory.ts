// Memory of an idle sync server, and per idle connection: ours (the production build, and the
// TypeScript sources under tsx as `npm run server` ran them before) against @y/websocket-server.
import { setTimeout as sleep } from 'node:timers/promises'
import { createBenchTeam } from './fanout/bench-team'
import { rssBytes } from './fanout/proc-stats'
import { startServerProcess, type ServerKind } from './fanout/server-process'
import { closeStockClients, openStockClients, SocketLedger } from './fanout/stock-clients'
import type { Figure } from './presence'

const CONNECTIONS = 500
const DOCS = 50
const ROUNDS = 3
const MB = 1024 * 1024

type Variant = { label: string; kind: ServerKind; fromSources?: boolean; nodeFlags?: string[] }
const VARIANTS: readonly Variant[] = [
  { label: 'ours (built, node)', kind: 'ours' },
  { label: 'ours (built, semi-space 2 MB)', kind: 'ours', nodeFlags: ['--max-semi-space-size=2'] },
  { label: 'ours (sources, tsx)', kind: 'ours', fromSources: true },
  { label: '@y/websocket-server 0.1.1', kind: 'reference' },
]

/** The lowest of a few samples: RSS only settles downward once start-up garbage is collected. */
async function settledRss(pid: number): Promise<number> {
  let lowest = Infinity
  for (let i = 0; i < 5; i++) {
    await sleep(400)
    lowest = Math.min(lowest, rssBytes(pid))
  }
  return lowest
}

async function measure(variant: Variant, team: Awaited<ReturnType<typeof createBenchTeam>>) {
  const server = await startServerProcess(variant.kind, { dataDir: team.dataDir, fromSources: variant.fromSources ?? false, nodeFlags: variant.nodeFlags ?? [] })
  try {
    await sleep(1500)
    const idle = await settledRss(server.pid)
    const clients = await openStockClients(server.syncUrl, team.plans(CONNECTIONS, DOCS), new SocketLedger(), { batch: 50, timeoutMs: 120_000 })
    const connected = await settledRss(server.pid)
    closeStockClients(clients)
    return { idle, perConnection: Math.max(0, connected - idle) / CONNECTIONS }
  } finally {
    await server.stop()
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

export async function runServerMemoryBench(): Promise<Figure[]> {
  const team = await createBenchTeam(CONNECTIONS)
  const samples = new Map<string, { idle: number[]; perConnection: number[] }>(VARIANTS.map((v) => [v.label, { idle: [], perConnection: [] }]))
  try {
    // Interleaved rounds, so a busy moment on the machine lands on every server alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const variant of VARIANTS) {
        const result = await measure(variant, team)
        samples.get(variant.label)!.idle.push(result.idle)
        samples.get(variant.label)!.perConnection.push(result.perConnection)
      }
    }
  } finally {
    await team.remove()
  }
  const reference = samples.get(VARIANTS.at(-1)!.label)!
  const refIdle = median(reference.idle) / MB
  const refPerConnection = median(reference.perConnection) / 1024
  const figures: Figure[] = []
  for (const variant of VARIANTS.slice(0, -1)) {
    const s = samples.get(variant.label)!
    figures.push({
      name: `idle RSS, ${variant.label} (median of ${ROUNDS})`,
      value: +(median(s.idle) / MB).toFixed(1),
      unit: 'MB',
      baseline: { name: 'reference idle', value: +refIdle.toFixed(1) },
    })
    figures.push({
      name: `RSS per idle connection, ${variant.label} (${CONNECTIONS} on ${DOCS} docs)`,
      value: +(median(s.perConnection) / 1024).toFixed(1),
      unit: 'KB',
      baseline: { name: 'reference', value: +refPerConnection.toFixed(1) },
    })
  }
  return figures
}
