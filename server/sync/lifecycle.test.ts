import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/contract/close-codes'
import type { PresenceCore } from '../../shared/core/engine'
import { seedTeam } from '../admin/teams'
import type { RunningServer, StartOptions } from '../start'
import { encodeQueryAwareness } from './protocol'
import { SqliteStore } from '../store/sqlite-store'
import {
  createTestTeam,
  fetchText,
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

const cores: PresenceCore[] = []
const clients: RawClient[] = []
const servers: RunningServer[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.ws.terminate()
  await Promise.all(cores.splice(0).map((core) => core.close()))
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

async function setup(options: Partial<StartOptions> = {}) {
  const dir = tempDir()
  const teamId = await createTestTeam(dir, 'Acme')
  const server = await startTestServer(dir, options)
  servers.push(server)
  const raw = async (user = 'ada') => {
    const client = rawClient(server.url, `team/${teamId}`, await tokenFor(dir, teamId, user))
    clients.push(client)
    return client
  }
  const metric = (name: string) => readMetric(server.url, name)
  return { dir, teamId, server, raw, metric }
}

describe('HTTP endpoints', () => {
  it('serves healthz, readyz, metrics and 404', async () => {
    const { server, raw, metric } = await setup()
    expect(await fetchText(`${server.url}/healthz`)).toEqual({ status: 200, body: 'ok' })
    expect((await fetchText(`${server.url}/readyz`)).status).toBe(200)
    expect((await fetchText(`${server.url}/nope`)).status).toBe(404)
    const client = await raw()
    await client.opened
    await waitFor('the first frames', () => client.frames.length >= 1)
    const { body } = await fetchText(`${server.url}/metrics`)
    for (const name of ['hallway_connections', 'hallway_docs_loaded', 'hallway_messages_in_total', 'hallway_messages_out_total', 'hallway_bytes_in_total', 'hallway_bytes_out_total']) {
      expect(body).toMatch(new RegExp(`^# TYPE ${name} `, 'm'))
    }
    expect(await metric('hallway_connections')).toBe(1)
    expect(await metric('hallway_messages_out_total')).toBeGreaterThan(0)
  })
})

describe('metrics', () => {
  it('has fan-out and store latency histograms and refusals by reason, in Prometheus text', async () => {
    const { dir, teamId, server, metric } = await setup()
    const ada = await openCore(server.url, await tokenFor(dir, teamId, 'ada', 'admin'))
    const bob = await openCore(server.url, await tokenFor(dir, teamId, 'bob'))
    cores.push(ada, bob)
    await Promise.all([ada.whenSynced(), bob.whenSynced()])
    expect(await ada.execute({ type: 'createRoom', name: 'Measured', kind: 'open' })).toEqual({ ok: true })
    await waitFor('bob to see the room', () => Object.values(bob.view().rooms).some((room) => room.name === 'Measured'))
    const unauthenticated = rawClient(server.url, `team/${teamId}`)
    clients.push(unauthenticated)
    await unauthenticated.closed

    expect(await metric('hallway_fanout_seconds_count{kind="update"}')).toBeGreaterThan(0)
    expect(await metric('hallway_fanout_seconds_count{kind="awareness"}')).toBeGreaterThan(0)
    expect(await metric('hallway_fanout_seconds_bucket{kind="update",le="+Inf"}')).toBe(await metric('hallway_fanout_seconds_count{kind="update"}'))
    expect(await metric('hallway_store_seconds_count{op="append"}')).toBeGreaterThan(0)
    expect(await metric('hallway_store_seconds_count{op="load"}')).toBe(1)
    expect(await metric('hallway_refusals_total{reason="token-missing"}')).toBe(1)
    const { body } = await fetchText(`${server.url}/metrics`)
    for (const line of body.trimEnd().split('\n')) {
      expect(line).toMatch(/^(# (HELP|TYPE) [a-z_]+ .+|[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? -?(\d+(\.\d+)?(e-?\d+)?|\+Inf))$/)
    }
  })
})

describe('startServer', () => {
  it('refuses a port in use with a clear error carrying its code', async () => {
    const { server } = await setup()
    const attempt = startTestServer(tempDir(), { port: server.port })
    await expect(attempt).rejects.toThrow(/already in use/)
    await expect(attempt).rejects.toMatchObject({ code: 'EADDRINUSE' })
  })
})

describe('document lifecycle', () => {
  it('loads a document once for concurrent first connections and unloads it when idle', async () => {
    const { raw, metric } = await setup({ unloadAfterMs: 50 })
    const many = await Promise.all([1, 2, 3, 4, 5].map((i) => raw(`user-${i}`)))
    await Promise.all(many.map((client) => client.opened))
    expect(await metric('hallway_doc_loads_total')).toBe(1)
    expect(await metric('hallway_docs_loaded')).toBe(1)

    for (const client of many) client.ws.close()
    await waitFor('the idle document to unload', async () => (await metric('hallway_docs_loaded')) === 0)
    expect(await metric('hallway_doc_unloads_total')).toBe(1)

    const again = await raw()
    await again.opened
    await waitFor('a reload', async () => (await metric('hallway_doc_loads_total')) === 2)
  })

  it('picks up what the CLI writes to the store while the document is loaded', async () => {
    const { dir, teamId, server } = await setup()
    const ada = await openCore(server.url, await tokenFor(dir, teamId, 'ada'))
    cores.push(ada)
    await ada.whenSynced()

    const cliStore = SqliteStore.open(dir, { watchIntervalMs: 0 })
    await seedTeam(cliStore, teamId, { members: 3, rooms: 2 })
    await cliStore.close()
    await waitFor('the seeded rooms and members', () => ada.view().rooms['seed-room-2'] && ada.view().members['load-3'])
  })

  it('cuts a connection that stops answering pings without a close frame (1006); one that answers stays on', async () => {
    const { dir, teamId, server, metric } = await setup({ pingIntervalMs: 50 })
    const token = await tokenFor(dir, teamId, 'ada')
    const mute = rawClient(server.url, `team/${teamId}`, token, { autoPong: false })
    const answering = rawClient(server.url, `team/${teamId}`, token)
    clients.push(mute, answering)
    const pings = { mute: 0, answering: 0 }
    mute.ws.on('ping', () => pings.mute++)
    answering.ws.on('ping', () => pings.answering++)
    await Promise.all([mute.opened, answering.opened])

    // The server terminates the socket rather than closing it: the client sees 1006 (no close frame).
    expect((await mute.closed).code).toBe(1006)
    expect(pings.mute).toBeGreaterThanOrEqual(1)
    // The answering client outlives several more sweeps, each of which would have cut it.
    const pingsAtCut = pings.answering
    await waitFor('three more keepalive sweeps', () => pings.answering >= pingsAtCut + 3)
    expect(answering.ws.readyState).toBe(answering.ws.OPEN)
    expect(await metric('hallway_connections')).toBe(1)
  })

  it('does not ping a connection that keeps sending (its messages prove it alive), while a silent one is pinged at every other sweep', async () => {
    const { server, raw } = await setup({ pingIntervalMs: 100 })
    const [chatty, silent] = [await raw('ada'), await raw('bob')]
    await Promise.all([chatty.opened, silent.opened])
    const pings = { chatty: 0, silent: 0 }
    chatty.ws.on('ping', () => pings.chatty++)
    silent.ws.on('ping', () => pings.silent++)
    // Far more often than the sweeps: a query for presence, which the server answers with nothing.
    const talking = setInterval(() => chatty.ws.send(encodeQueryAwareness()), 10)
    try {
      // Three pings to the silent one span five sweeps; each would have pinged the chatty one too.
      await waitFor('three pings to the silent connection', () => pings.silent >= 3)
    } finally {
      clearInterval(talking)
    }
    expect(pings.chatty).toBe(0)
    expect(chatty.ws.readyState).toBe(chatty.ws.OPEN)
    expect(silent.ws.readyState).toBe(silent.ws.OPEN)
    expect(await readMetric(server.url, 'hallway_connections')).toBe(2)
  })

  it('drains on close: readiness off, sockets closed with 1012', async () => {
    const { server, raw } = await setup({ drainWindowMs: 400 })
    const a = await raw('a')
    const b = await raw('b')
    await Promise.all([a.opened, b.opened])
    const closing = server.close()
    servers.splice(0)
    expect(server.draining).toBe(true)
    expect((await fetchText(`${server.url}/readyz`)).status).toBe(503)
    expect((await a.closed).code).toBe(CloseCode.draining)
    expect((await b.closed).code).toBe(CloseCode.draining)
    await closing
  })
})

/** The real SQLite store, with a switch that makes appends fail (a full disk, say). */
class FlakyStore {
  failing = false
  constructor(readonly inner: SqliteStore) {}
  load = (name: string) => this.inner.load(name)
  append = async (name: string, update: Uint8Array) => {
    if (this.failing) throw new Error('disk full')
    return this.inner.append(name, update)
  }
  compact = (name: string) => this.inner.compact(name)
  onExternalChange = (listener: () => void) => this.inner.onExternalChange(listener)
  close = () => this.inner.close()
  createTeam = (...args: Parameters<SqliteStore['createTeam']>) => this.inner.createTeam(...args)
  getTeam = (id: string) => this.inner.getTeam(id)
  readMarkers = (...args: Parameters<SqliteStore['readMarkers']>) => this.inner.readMarkers(...args)
  raiseReadMarkers = (...args: Parameters<SqliteStore['raiseReadMarkers']>) => this.inner.raiseReadMarkers(...args)
  dropReadMarkers = (...args: Parameters<SqliteStore['dropReadMarkers']>) => this.inner.dropReadMarkers(...args)
  claimDiscussionSeqs = (...args: Parameters<SqliteStore['claimDiscussionSeqs']>) => this.inner.claimDiscussionSeqs(...args)
}

describe('store failures', () => {
  it('closes the document\'s connections with 1011 and loses nothing once the store recovers', async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir)
    const store = new FlakyStore(SqliteStore.open(dir))
    const server = await startTestServer(dir, { store })
    servers.push(server)
    const ada = await openCore(server.url, await tokenFor(dir, teamId, 'ada', 'admin'))
    cores.push(ada)
    await ada.whenSynced()

    store.failing = true
    expect(await ada.execute({ type: 'createRoom', name: 'Unstored', kind: 'open' })).toEqual({ ok: true })
    await waitFor('the 1011 close', async () => (await fetchText(`${server.url}/metrics`)).body.includes('hallway_closes_total{code="1011"} 1'))
    store.failing = false

    // Ada's replica still has the room; her reconnect sends it again and this time it is stored.
    const bob = await openCore(server.url, await tokenFor(dir, teamId, 'bob'))
    cores.push(bob)
    await waitFor('bob to get the room after ada resyncs', () => Object.values(bob.view().rooms).some((room) => room.name === 'Unstored'))
  })
})
