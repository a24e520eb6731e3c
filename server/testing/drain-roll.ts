/**
 * A "sync roll" on a real server process (test and bench support, not shipped code): clients on
 * several discussions, SIGTERM, a restart on the same port, every client back. The drain test
 * asserts what happened; `npm run bench` reports how long it took and how spread out it was.
 */
import WebSocket from 'ws'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { chatDocName } from '../../shared/contract/doc-names'
import { jitteredSocketClass, type SocketConstructor } from '../../shared/core/jittered-socket'
import { seedRoom, seedTeam } from '../admin/teams'
import { SqliteStore } from '../store/sqlite-store'
import { appendMessage } from './raw-yjs-client'
import { createTestTeam, fetchText, metricIn, openProvider, spawnServer, tempDir, tokenFor, waitFor, type ServerProcess } from './harness'

export interface DrainRollOptions {
  clients: number
  /** Clients are spread evenly over this many discussions. */
  documents: number
  drainWindowMs: number
  /** Test-sized backoff for the clients' reconnects (production caps at 30 s). */
  backoff: { baseMs: number; capMs: number; stableMs: number; drainAttempt: number; random: () => number }
}

export interface LoggedClose {
  /** The server's clock, from its JSON log line. */
  at: number
  code: number
}

export interface DrainRoll {
  firstExitCode: number | null
  /** Back-to-back readings of the first server's draining flag and open-connection gauge (one /metrics each), from SIGTERM to its exit. */
  whileDraining: Array<{ draining: boolean; connections: number }>
  /** `sync connection closed` lines of the first server. */
  closes: LoggedClose[]
  /** The close code each client read when the first server closed it. */
  clientCloseCodes: number[]
  /** When the second server accepted each connection (its clock). */
  accepted: number[]
  /** Keys stored before SIGTERM, and after everyone came back (each client writes one while away). */
  storedBefore: number
  storedAfter: number
  /** This process's clock: SIGTERM sent, first server exited. */
  sigtermAt: number
  exitedAt: number
  /** The second server's clock: when it logged that it was listening. */
  listeningAt: number
}

/** Runs the roll, then closes every client and kills both servers (also when it fails). */
export async function runDrainRoll(options: DrainRollOptions): Promise<DrainRoll> {
  const providers: WebsocketProvider[] = []
  const servers: ServerProcess[] = []
  const start = (dir: string, port: string, env: Record<string, string> = {}) => {
    const server = spawnServer(['--port', port, '--data', dir, '--log-level', 'debug'], env)
    servers.push(server)
    return server
  }
  try {
    const dir = tempDir()
    const teamId = await createTestTeam(dir, 'Acme')
    await seedRooms(dir, teamId, options.documents)
    const docNames = Array.from({ length: options.documents }, (_, i) => chatDocName(teamId, seedRoom(i + 1, 0).id))
    // The window comes from the environment here; --drain-window-ms does the same.
    const first = start(dir, '0', { HALLWAY_DRAIN_WINDOW_MS: String(options.drainWindowMs) })
    const url = await first.listening
    const port = new URL(url).port

    const clientCloseCodes: number[] = []
    for (let i = 0; i < options.clients; i++) {
      const Socket = jitteredSocketClass(WebSocket as unknown as SocketConstructor, options.backoff)
      const provider = openProvider(url, docNames[i % docNames.length]!, await tokenFor(dir, teamId, `c${i}`), { WebSocket: Socket })
      providers.push(provider)
      // A change made while disconnected: it must reach the restarted node when this client returns.
      provider.once('connection-close', (event: { code: number } | null) => {
        clientCloseCodes.push(event?.code ?? 0)
        appendMessage(provider.doc, `c${i}`, `during ${i}`, `during-${i}`)
      })
    }
    await waitFor('every client to sync', () => providers.every((provider) => provider.synced), 60_000)
    providers.forEach((provider, i) => appendMessage(provider.doc, `c${i}`, `before ${i}`, `before-${i}`))
    await waitFor('every write to be stored', async () => (await storedKeys(dir, docNames)) === options.clients, 20_000)
    const storedBefore = await storedKeys(dir, docNames)

    const sigtermAt = Date.now()
    first.child.kill('SIGTERM')
    const whileDraining: DrainRoll['whileDraining'] = []
    let running = true
    const sampling = (async () => {
      while (running) {
        // A failed reading (the server closing our keep-alive socket) is skipped; one the exit cut off is dropped.
        const reading = fetchText(`${url}/metrics`).then(({ body }) => body, () => null)
        const body = await Promise.race([reading, first.exited.then(() => null)])
        if (body) whileDraining.push({ draining: metricIn(body, 'hallway_draining') === 1, connections: metricIn(body, 'hallway_connections') })
      }
    })()
    const firstExitCode = await first.exited
    const exitedAt = Date.now()
    running = false
    await sampling

    const second = start(dir, port)
    await second.listening
    await waitFor('every client to be back and synced', () => providers.every((provider) => provider.synced), 60_000)
    await waitFor('every offline write to be stored', async () => (await storedKeys(dir, docNames)) === 2 * options.clients, 20_000)

    return {
      firstExitCode,
      whileDraining,
      closes: logLines(first, 'sync connection closed').map(({ at, fields }) => ({ at, code: Number(fields.code) })),
      clientCloseCodes,
      accepted: logLines(second, 'sync connection opened').map(({ at }) => at),
      storedBefore,
      storedAfter: await storedKeys(dir, docNames),
      sigtermAt,
      exitedAt,
      listeningAt: logLines(second, 'server listening')[0]!.at,
    }
  } finally {
    for (const provider of providers) provider.destroy()
    for (const server of servers) server.child.kill('SIGKILL')
  }
}

/** The most connections accepted within any `windowMs`. */
export function peakIn(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b)
  let peak = 0
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++
    peak = Math.max(peak, end - start + 1)
  }
  return peak
}

/** The server's JSON log lines with this `msg`, with their time on the server's clock. */
function logLines(server: ServerProcess, msg: string): Array<{ at: number; fields: Record<string, unknown> }> {
  return server.output.stderr
    .split('\n')
    .filter((line) => line.includes(`"msg":"${msg}"`))
    .map((line) => {
      const fields = JSON.parse(line) as Record<string, unknown>
      return { at: Date.parse(String(fields.t)), fields }
    })
}

export async function storedKeys(dir: string, docNames: readonly string[]): Promise<number> {
  const store = SqliteStore.open(dir, { watchIntervalMs: 0 })
  try {
    let keys = 0
    for (const docName of docNames) {
      const doc = new Y.Doc()
      for (const update of await store.load(docName)) Y.applyUpdate(doc, update)
      keys += doc.getArray('messages').length
    }
    return keys
  } finally {
    await store.close()
  }
}

/** A discussion opens only for a room the team has. */
export async function seedRooms(dir: string, teamId: string, rooms: number): Promise<void> {
  const store = SqliteStore.open(dir, { watchIntervalMs: 0 })
  try {
    await seedTeam(store, teamId, { members: 0, rooms })
  } finally {
    await store.close()
  }
}
