import { afterAll, afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { chatDocName } from '../../shared/contract/doc-names'
import { jitteredSocketClass, type SocketConstructor } from '../../shared/core/jittered-socket'
import { SqliteStore } from '../store/sqlite-store'
import { createTestTeam, fetchText, openProvider, removeTempDirs, spawnServer, tempDir, tokenFor, waitFor, type ServerProcess } from '../testing/harness'
import { appendMessage } from '../testing/raw-yjs-client'

const providers: WebsocketProvider[] = []
const processes: ServerProcess[] = []
afterEach(() => {
  for (const provider of providers.splice(0)) provider.destroy()
  for (const server of processes.splice(0)) server.child.kill('SIGKILL')
})
afterAll(removeTempDirs)

const CLIENTS = 300
/** Ten clients per discussion: the reconnect storm is server-wide, the test's CPU stays on the server. */
const DOCUMENTS = 30
const DRAIN_WINDOW_MS = 2000
/** Test-sized backoff: the full-jitter window caps at 4 s (production: 30 s). */
const BACKOFF = { baseMs: 100, capMs: 4000, stableMs: 10_000, drainAttempt: 3, random: Math.random }
/**
 * At most this many connections accepted in any 100 ms by the restarted node, a third of the
 * clients (a stampede: all of them). Spread over ~4 s that is ~8 per 100 ms (peaks of 20-30 when
 * run alone); the margin absorbs a stall of either process on a busy machine, after which the
 * connections that queued meanwhile are accepted together.
 */
const MAX_PER_100_MS = 100

function start(dir: string, port: string, env: Record<string, string> = {}): ServerProcess {
  const server = spawnServer(['--port', port, '--data', dir, '--log-level', 'debug'], env)
  processes.push(server)
  return server
}

/** When the server logged `msg` (its own clock, from its JSON log lines). */
function logTimes(server: ServerProcess, msg: string): number[] {
  return server.output.stderr
    .split('\n')
    .filter((line) => line.includes(`"msg":"${msg}"`))
    .map((line) => Date.parse((JSON.parse(line) as { t: string }).t))
}

function peakIn(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b)
  let peak = 0
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++
    peak = Math.max(peak, end - start + 1)
  }
  return peak
}

async function storedMessages(dir: string, docNames: readonly string[]): Promise<number> {
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

describe('drain ("sync roll")', () => {
  it(`SIGTERM closes ${CLIENTS} clients over the window; they return to the restarted node spread out, losing nothing`, async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir, 'Acme')
    const docNames = Array.from({ length: DOCUMENTS }, (_, i) => chatDocName(teamId, `room-${i}`))
    // The window comes from the environment here; --drain-window-ms does the same.
    const first = start(dir, '0', { HALLWAY_DRAIN_WINDOW_MS: String(DRAIN_WINDOW_MS) })
    const url = await first.listening
    const port = new URL(url).port

    for (let i = 0; i < CLIENTS; i++) {
      const Socket = jitteredSocketClass(WebSocket as unknown as SocketConstructor, BACKOFF)
      const provider = openProvider(url, docNames[i % DOCUMENTS]!, await tokenFor(dir, teamId, `c${i}`), { WebSocket: Socket })
      providers.push(provider)
      // A change made while disconnected: it must reach the restarted node when this client returns.
      provider.once('connection-close', () => appendMessage(provider.doc, `c${i}`, `during ${i}`, `during-${i}`))
    }
    await waitFor('every client to sync', () => providers.every((provider) => provider.synced), 60_000)
    providers.forEach((provider, i) => appendMessage(provider.doc, `c${i}`, `before ${i}`, `before-${i}`))
    await waitFor('every write to be stored', async () => (await storedMessages(dir, docNames)) === CLIENTS, 20_000)

    const sigterm = Date.now()
    first.child.kill('SIGTERM')
    await waitFor('readiness to go off', async () => (await fetchText(`${url}/readyz`)).status === 503)
    expect(await first.exited).toBe(0)
    const exited = Date.now()
    const second = start(dir, port)
    await second.listening
    await waitFor('every client to be back and synced', () => providers.every((provider) => provider.synced), 60_000)
    await waitFor('every offline write to be stored', async () => (await storedMessages(dir, docNames)) === 2 * CLIENTS, 20_000)

    const closes = logTimes(first, 'sync connection closed')
    const accepted = logTimes(second, 'sync connection opened')
    const listening = logTimes(second, 'server listening')[0]!
    const closeSpread = Math.max(...closes) - Math.min(...closes)
    const per100 = peakIn(accepted, 100)
    const perSecond = peakIn(accepted, 1000)
    console.info(
      `drain: ${closes.length} clients closed (1012) over ${closeSpread} ms (window ${DRAIN_WINDOW_MS} ms), SIGTERM to exit 0 in ${exited - sigterm} ms; ` +
        `restarted node listening ${listening - exited} ms after the exit; it accepted ${accepted.length} connections, peak ${per100} per 100 ms, ${perSecond} per second; ` +
        `all ${CLIENTS} back ${Math.max(...accepted) - listening} ms after it listened (${Math.max(...accepted) - sigterm} ms after SIGTERM); ${2 * CLIENTS} writes stored, none lost`,
    )
    expect(closes).toHaveLength(CLIENTS)
    expect(closeSpread).toBeGreaterThan(DRAIN_WINDOW_MS * 0.8)
    expect(accepted.length).toBeGreaterThanOrEqual(CLIENTS)
    expect(per100).toBeLessThanOrEqual(MAX_PER_100_MS)
  }, 150_000)
})
