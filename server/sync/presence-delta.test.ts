import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import { teamDocName } from '../../shared/contract/doc-names'
import { PRESENCE_DELTA_MESSAGE, PRESENCE_DELTA_PARAM, decodePresenceDeltas, encodePresenceDeltas, type PresenceDelta } from '../../shared/contract/presence-delta'
import type { PresenceCore } from '../../shared/core/engine'
import { initialPresence } from '../../shared/core/presence'
import type { RunningServer } from '../start'
import { createTestTeam, openCore, openProvider, rawClient, readMetric, removeTempDirs, startTestServer, tempDir, tokenFor, waitFor, type RawClient } from '../testing/harness'
import { decodeMessage, encodeAwareness, MessageType } from './protocol'
import { encodeAwarenessEntries } from './awareness-entries'

const cores: PresenceCore[] = []
const providers: WebsocketProvider[] = []
const clients: RawClient[] = []
const servers: RunningServer[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.ws.terminate()
  for (const provider of providers.splice(0)) provider.destroy()
  await Promise.all(cores.splice(0).map((core) => core.close()))
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

async function setup() {
  const dir = tempDir()
  const teamId = await createTestTeam(dir, 'Acme')
  const server = await startTestServer(dir)
  servers.push(server)
  const docName = teamDocName(teamId)
  const token = (user: string) => tokenFor(dir, teamId, user)
  return {
    dir,
    server,
    async core(user: string, url = server.url) {
      const core = await openCore(url, await token(user))
      cores.push(core)
      await core.whenSynced()
      return core
    },
    async stock(user: string) {
      const provider = openProvider(server.url, docName, await token(user))
      providers.push(provider)
      await waitFor(`${user}'s stock provider to sync`, () => provider.synced)
      return provider
    },
    /** A bare socket; `deltas`: it asks for presence deltas as the core does. */
    async raw(user: string, deltas: boolean, url = server.url) {
      const params: Record<string, string> = deltas ? { [PRESENCE_DELTA_PARAM.name]: PRESENCE_DELTA_PARAM.value } : {}
      const client = rawClient(url, docName, await token(user), {}, params)
      clients.push(client)
      await client.opened
      return client
    },
  }
}

const isDelta = (frame: Uint8Array) => frame[0] === PRESENCE_DELTA_MESSAGE

function deltasOf(frame: Uint8Array): PresenceDelta[] {
  const decoded = decodePresenceDeltas(frame)
  if (!decoded.ok) throw new Error(decoded.error)
  return decoded.deltas
}

/** Every presence delta a socket received. */
const deltasIn = (client: RawClient) => client.frames.filter(isDelta).flatMap(deltasOf)

/** The latest whole state a socket received for a client, from standard awareness messages. */
function wholeStateIn(client: RawClient, clientId: number): unknown {
  let state: unknown
  for (const frame of client.frames) {
    const message = decodeMessage(frame)
    if (message.type === 'awareness') for (const entry of message.entries) if (entry.clientId === clientId) state = entry.state
  }
  return state
}

const refusals = (server: RunningServer, reason: string) => readMetric(server.url, `hallway_refusals_total{reason="${reason}"}`)
const stateOf = (provider: WebsocketProvider, clientId: number) => provider.awareness.getStates().get(clientId) as Record<string, unknown> | undefined
const online = (core: PresenceCore) => core.view().connection.state === 'online'

describe('presence deltas', () => {
  it('a core and a stock client see each other\'s mic toggle and room walk; the core\'s go out as deltas, to delta readers only, and everyone holds the very state the core has', async () => {
    const { core, stock, raw } = await setup()
    const ada = await core('ada')
    const eve = await core('eve')
    const bob = await stock('bob')
    const deltaReader = await raw('cy', true)
    const stockReader = await raw('dee', false)
    const adaId = ada.awareness.clientID

    expect(await ada.execute({ type: 'enterRoom', roomId: 'lobby' })).toEqual({ ok: true })
    await waitFor('bob to see ada walk into the lobby', () => stateOf(bob, adaId)?.room === 'lobby')
    // Walking into an open room unmutes: this toggle mutes.
    expect(stateOf(bob, adaId)?.mic).toBe(true)
    expect(await ada.execute({ type: 'setMic', on: false })).toEqual({ ok: true })
    await waitFor('bob to see ada mute', () => stateOf(bob, adaId)?.mic === false)
    expect(await ada.execute({ type: 'enterRoom', roomId: 'kitchen' })).toEqual({ ok: true })
    await waitFor('bob to see ada walk to the kitchen', () => stateOf(bob, adaId)?.room === 'kitchen')
    await waitFor('eve to see ada in the kitchen', () => eve.view().rooms.kitchen?.occupants.includes('ada'))
    await waitFor('the stock reader to have ada in the kitchen', () => (wholeStateIn(stockReader, adaId) as { room?: string } | undefined)?.room === 'kitchen')
    await waitFor('the delta reader to have the walk to the kitchen', () => deltasIn(deltaReader).some((d) => d.changes.some((c) => c.key === 'room' && c.value === 'kitchen')))

    const adaState = JSON.parse(JSON.stringify(ada.awareness.getLocalState())) as unknown
    expect(stateOf(bob, adaId)).toEqual(adaState)
    expect(eve.awareness.getStates().get(adaId)).toEqual(adaState)
    expect(wholeStateIn(stockReader, adaId)).toEqual(adaState)
    expect(stockReader.frames.some(isDelta)).toBe(false)
    const adaDeltas = deltaReader.frames.filter((frame) => isDelta(frame) && deltasOf(frame)[0]!.clientId === adaId)
    const [walkIn, micToggle, walkOver] = adaDeltas.map((frame) => deltasOf(frame)[0]!)
    expect(walkIn?.changes.map((c) => c.key)).toContain('room')
    expect(micToggle?.changes).toEqual([{ key: 'mic', value: false }])
    expect(walkOver?.changes.find((c) => c.key === 'room')?.value).toBe('kitchen')
    // On the wire: 2 bytes of WebSocket header for a payload this short.
    for (const frame of adaDeltas) expect(2 + frame.byteLength).toBeLessThanOrEqual(48)

    bob.awareness.setLocalState({ ...initialPresence('bob', 'Bob', 'web'), room: 'kitchen' })
    await waitFor('ada to see bob in the kitchen', () => ada.view().rooms.kitchen?.occupants.includes('bob'))
    bob.awareness.setLocalStateField('mic', true)
    await waitFor('ada to see bob unmute', () => ada.view().members.bob?.mic === true)
    expect(ada.awareness.getStates().get(bob.awareness.clientID)).toEqual(bob.awareness.getLocalState())
  })

  it('a delta for a client id the connection does not own is dropped like the standard message, and the connection carries on', async () => {
    const { server, core, raw } = await setup()
    const ada = await core('ada')
    const watcher = await core('eve')
    const mallory = await raw('mallory', true)
    expect(await ada.execute({ type: 'enterRoom', roomId: 'lobby' })).toEqual({ ok: true })
    const adaId = ada.awareness.clientID
    await waitFor('eve to see ada in the lobby', () => watcher.view().rooms.lobby?.occupants.includes('ada'))
    const clock = ada.awareness.meta.get(adaId)!.clock

    mallory.ws.send(encodePresenceDeltas([{ clientId: adaId, clock: clock + 1, steps: 1, changes: [{ key: 'room', value: 'kitchen' }] }]))
    await waitFor('the overwrite to be refused', async () => (await refusals(server, 'awareness-other-user')) === 1)
    // Her own id, but naming another user, is refused as the standard message is.
    const own = { ...initialPresence('mallory', 'Mallory', 'bot'), room: 'lobby' }
    mallory.ws.send(encodeAwareness(encodeAwarenessEntries([{ clientId: 777, clock: 1, state: own }])))
    mallory.ws.send(encodePresenceDeltas([{ clientId: 777, clock: 2, steps: 1, changes: [{ key: 'user', value: 'ada' }] }]))
    await waitFor('the impersonation to be refused', async () => (await refusals(server, 'awareness-other-user')) === 2)

    // A marker after both: once eve sees it, the refused deltas would have arrived before it.
    mallory.ws.send(encodePresenceDeltas([{ clientId: 777, clock: 2, steps: 1, changes: [{ key: 'mic', value: true }] }]))
    await waitFor('eve to see mallory unmute', () => watcher.view().members.mallory?.mic === true)
    expect(watcher.view().rooms.lobby?.occupants).toEqual(['ada', 'mallory'])
    expect(watcher.awareness.getStates().get(adaId)).toEqual(JSON.parse(JSON.stringify(ada.awareness.getLocalState())))
    expect(mallory.ws.readyState).toBe(mallory.ws.OPEN)
  })

  it('malformed delta bytes close that connection with 1003 and lose nothing else', async () => {
    const { core, raw } = await setup()
    const ada = await core('ada')
    const bob = await core('bob')
    expect(await ada.execute({ type: 'enterRoom', roomId: 'lobby' })).toEqual({ ok: true })
    await waitFor('bob to see ada in the lobby', () => bob.view().rooms.lobby?.occupants.includes('ada'))
    const mallory = await raw('mallory', true)

    // A field number past the table.
    mallory.ws.send(new Uint8Array([PRESENCE_DELTA_MESSAGE, 1, 7, 3, 1, 1, 13, 3]))
    expect((await mallory.closed).code).toBe(1003)

    expect(await ada.execute({ type: 'setMic', on: true })).toEqual({ ok: true })
    await waitFor('bob to see ada unmute', () => bob.view().members.ada?.mic === true)
    expect(bob.view().rooms.lobby?.occupants).toEqual(['ada'])
    expect(online(ada) && online(bob)).toBe(true)
  })

  it('a delta the server cannot build on (no state held for that clock) is dropped and the sender asked for its whole state', async () => {
    const { server, raw } = await setup()
    const client = await raw('ada', true)
    client.ws.send(encodePresenceDeltas([{ clientId: 4242, clock: 5, steps: 1, changes: [{ key: 'mic', value: true }] }]))
    await waitFor('a query for awareness', () => client.frames.some((frame) => frame.byteLength === 1 && frame[0] === MessageType.queryAwareness))
    expect(await refusals(server, 'awareness-delta-without-base')).toBe(1)
  })

  it('after a server restart the core resyncs its whole state, then goes back to deltas', async () => {
    const { dir, server, core, raw } = await setup()
    const ada = await core('ada')
    const bob = await core('bob')
    expect(await ada.execute({ type: 'enterRoom', roomId: 'lobby' })).toEqual({ ok: true })
    expect(await ada.execute({ type: 'setMic', on: true })).toEqual({ ok: true })
    await waitFor('bob to see ada unmuted in the lobby', () => bob.view().members.ada?.mic === true)

    await server.close()
    servers.splice(servers.indexOf(server), 1)
    await waitFor('both cores offline', () => !online(ada) && !online(bob))
    const again = await startTestServer(dir, { port: server.port })
    servers.push(again)
    await waitFor('both cores back online', () => online(ada) && online(bob))
    const reader = await raw('cy', true, again.url)
    const adaId = ada.awareness.clientID
    await waitFor('a new reader to get ada\'s whole state', () => (wholeStateIn(reader, adaId) as { mic?: boolean } | undefined)?.mic === true)
    expect(bob.view().rooms.lobby?.occupants).toEqual(['ada'])
    // Both returns went out (an arrival after another one waits for the room's arrival hold): a
    // change made before that would go whole, with the arrival it joins.
    await waitFor('both returns to be sent', async () => (await readMetric(again.url, 'hallway_fanout_seconds_count{kind="awareness"}')) >= 2)

    expect(await ada.execute({ type: 'setMic', on: false })).toEqual({ ok: true })
    await waitFor('bob to see ada mute', () => bob.view().members.ada?.mic === false)
    await waitFor('the reader to get it as a delta', () => deltasIn(reader).some((d) => d.clientId === adaId))
    expect(await refusals(again, 'awareness-delta-without-base')).toBeNaN()
  })
})
