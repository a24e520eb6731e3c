import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { PresenceCore } from '../../shared/core/engine'
import type { RunningServer } from '../start'
import {
  createTestTeam,
  openCore,
  rawClient,
  readMetric,
  removeTempDirs,
  startTestServer,
  tempDir,
  tokenFor,
  waitFor,
  type RawClient,
} from '../testing/harness'
import { pausableProxy, type PausableProxy } from '../testing/pausable-proxy'
import { varUint } from '../testing/wire-frames'
import { encodeAwareness } from './protocol'

const cores: PresenceCore[] = []
const clients: RawClient[] = []
const servers: RunningServer[] = []
const proxies: PausableProxy[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.ws.terminate()
  await Promise.all(cores.splice(0).map((core) => core.close()))
  await Promise.all(proxies.splice(0).map((proxy) => proxy.close()))
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

const MAX_BUFFERED = 64 * 1024
const STATE_BYTES = 128 * 1024

/** Ada's presence with a large field, so every change is a big frame for every peer. */
function bigPresence(clock: number): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify({ user: 'ada', blob: String(clock).padEnd(STATE_BYTES, '.') }))
  const header = [1, 0xab, 0x04, ...varUint(clock), ...varUint(json.length)] // 1 entry, client id 555
  const update = new Uint8Array(header.length + json.length)
  update.set(header)
  update.set(json, header.length)
  return encodeAwareness(update)
}

describe('backpressure', () => {
  it('cuts a consumer that stops reading once its queue passes the bound; it resyncs on reconnect', async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir, 'Acme')
    const server = await startTestServer(dir, { maxBufferedBytes: MAX_BUFFERED, maxBytesPerSecond: 1024 ** 3, maxMessagesPerSecond: 100_000 })
    servers.push(server)
    const proxy = await pausableProxy(server.port)
    proxies.push(proxy)
    const slow = await openCore(proxy.url, await tokenFor(dir, teamId, 'sam'))
    const bob = await openCore(server.url, await tokenFor(dir, teamId, 'bob', 'admin'))
    cores.push(slow, bob)
    await Promise.all([slow.whenSynced(), bob.whenSynced()])
    const ada = rawClient(server.url, `team/${teamId}`, await tokenFor(dir, teamId, 'ada'))
    clients.push(ada)
    await ada.opened
    const opened = await readMetric(server.url, 'hallway_connections_opened_total')

    proxy.pause()
    let clock = 0
    const cut = () => readMetric(server.url, 'hallway_refusals_total{reason="slow-consumer"}')
    await waitFor('the slow consumer to be cut', async () => {
      if ((await cut()) >= 1) return true
      for (let i = 0; i < 8 && clock < 400; i++) ada.ws.send(bigPresence(++clock))
      return false
    }, 20_000)
    const sentBytes = clock * STATE_BYTES
    // Bob reads: he stays, and saw every one of ada's changes.
    await waitFor('bob to have ada\'s last presence', () => bob.awareness.getStates().get(555)?.blob?.startsWith(`${clock}.`))
    expect(await cut()).toBe(1)

    // A change the cut consumer cannot have received: it must come with the resync.
    expect(await bob.execute({ type: 'createRoom', name: 'After The Cut', kind: 'open' })).toEqual({ ok: true })
    proxy.resume()
    await waitFor('the cut consumer to reconnect', async () => (await readMetric(server.url, 'hallway_connections_opened_total')) > opened)
    await waitFor('it to resync the room', () => Object.values(slow.view().rooms).some((room) => room.name === 'After The Cut'))
    expect(slow.view().connection.state).toBe('online')
    console.info(`backpressure: the consumer that stopped reading was cut once ada had sent ${clock} frames (${(sentBytes / 1024 / 1024).toFixed(1)} MiB)`)
  })
})
