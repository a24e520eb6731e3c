// A load generator: a child process hosting stock clients of one server under test, driven over
// IPC by scenario.ts, apart from the server so each has its own CPU. Probes change presence and
// time it; the crowd receives, echoes (as every stock client does) and counts.
import type { AwarenessChange } from '../../server/sync/awareness-entries'
import { DeliveryTracker } from './delivery-tracker'
import { LoopLag } from './loop-lag'
import type { GeneratorCommand, GeneratorReport, GeneratorRequest, GeneratorResponse, GeneratorRole, ProgressReply } from './messages'
import { PresenceLoad } from './presence-load'
import { SocketLedger, closeStockClients, openStockClients, type StockClient } from './stock-clients'

const CONNECT_BATCH = 100
const CONNECT_TIMEOUT_MS = 60_000

const ledger = new SocketLedger()
const lag = new LoopLag()
const tracker = new DeliveryTracker()
const clients: StockClient[] = []
let setup: { role: GeneratorRole; serverUrl: string; clientsPerDoc: Record<string, number> } | null = null
let load: PresenceLoad | null = null
let disconnects = 0
let bytesFrom: number | null = null
let slice: { cpu: NodeJS.CpuUsage; at: number } | null = null
let measured = { cpuMs: 0, wallMs: 0 }

function watch(client: StockClient, role: GeneratorRole): void {
  const awareness = client.provider.awareness
  const fromServer = (origin: unknown) => origin === client.provider
  if (role === 'probe') {
    awareness.on('update', (change: AwarenessChange, origin: unknown) => fromServer(origin) && tracker.receivedByProbe(awareness, change))
  } else {
    awareness.on('update', (change: AwarenessChange, origin: unknown) => fromServer(origin) && tracker.countEntries(change))
    awareness.on('change', (change: AwarenessChange, origin: unknown) => fromServer(origin) && tracker.changedForCrowd(change))
  }
  client.provider.on('connection-close', () => disconnects++)
}

async function handle(command: GeneratorCommand): Promise<unknown> {
  switch (command.cmd) {
    case 'setup':
      setup = { role: command.role, serverUrl: command.serverUrl, clientsPerDoc: command.clientsPerDoc }
      return null
    case 'connect': {
      if (!setup) throw new Error('connect before setup')
      const added = await openStockClients(setup.serverUrl, command.clients, ledger, { batch: CONNECT_BATCH, timeoutMs: CONNECT_TIMEOUT_MS })
      for (const client of added) watch(client, setup.role)
      clients.push(...added)
      return null
    }
    case 'start':
      if (command.measured) {
        if (bytesFrom === null) {
          bytesFrom = ledger.bytesRead()
          tracker.startCounting()
        }
        slice = { cpu: process.cpuUsage(), at: performance.now() }
        lag.on()
      }
      tracker.measuring = command.measured
      if (setup?.role === 'probe') {
        load ??= new PresenceLoad(clients, setup.clientsPerDoc, tracker)
        load.start(command.changesPerSecond, command.roundMs)
      }
      return null
    case 'stop':
      load?.stop()
      if (slice) {
        const used = process.cpuUsage(slice.cpu)
        measured.cpuMs += (used.user + used.system) / 1000
        measured.wallMs += performance.now() - slice.at
        slice = null
        lag.off()
      }
      return null
    case 'progress':
      return { expected: tracker.expected, delivered: tracker.delivered } satisfies ProgressReply
    case 'report': {
      const report: GeneratorReport = {
        changes: tracker.changes,
        expected: tracker.expected,
        delivered: tracker.delivered,
        latencies: Float64Array.from(tracker.latencies),
        entriesReceived: tracker.entriesReceived,
        bytesReceived: bytesFrom === null ? 0 : ledger.bytesRead() - bytesFrom,
        disconnects,
        cpuPercent: measured.wallMs > 0 ? (measured.cpuMs / measured.wallMs) * 100 : 0,
        loopDelayP99Ms: lag.takeP99Ms(),
      }
      tracker.reset()
      bytesFrom = null
      disconnects = 0
      measured = { cpuMs: 0, wallMs: 0 }
      return report
    }
    case 'close':
      load?.stop()
      closeStockClients(clients)
      return null
  }
}

process.on('message', (request: GeneratorRequest) => {
  handle(request.command).then(
    (reply) => send({ id: request.id, ok: true, reply }),
    (error: unknown) => send({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  )
})

function send(response: GeneratorResponse): void {
  process.send!(response)
}

process.on('disconnect', () => process.exit(0))
