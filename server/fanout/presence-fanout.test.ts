import * as encoding from 'lib0/encoding'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { encodeAwarenessEntries } from '../../shared/contract/awareness-update'
import { teamDocName } from '../../shared/contract/doc-names'
import { PRESENCE_DELTA_MESSAGE, PRESENCE_DELTA_PARAM, decodePresenceDeltas, encodePresenceDeltas, type PresenceDelta } from '../../shared/contract/presence-delta'
import { initialPresence } from '../../shared/core/presence'
import { decodeMessage, type AwarenessEntry } from '../sync/protocol'
import { openCore, readMetric, waitFor, type RawClient } from '../testing/harness'
import { capturedLogger } from '../testing/captured-log'
import { appendEntry, entriesAfter, ghostNode, lastId } from '../testing/fanout-stream'
import { scaleOutFixture } from '../testing/scale-out-fixture'
import { docStreamKey } from './redis-fanout'
import { MAX_PRESENCE_ENTRY_BYTES } from './stream-entry'

const fixture = scaleOutFixture()
const { cores } = fixture
beforeAll(fixture.start)
afterEach(fixture.closeAll)
afterAll(fixture.stop)

async function setup() {
  const office = await fixture.office()
  const { logger, logs } = capturedLogger()
  return {
    ...office,
    logs,
    /** A node whose log lines land in `logs`. */
    loggedNode: () => office.c.startNode({ logger }),
    /** A bare socket that asks for presence deltas, as a core does. */
    deltaReader: (url: string, user: string) => office.raw(url, user, { [PRESENCE_DELTA_PARAM.name]: PRESENCE_DELTA_PARAM.value }),
  }
}

const deltasReceived = (raw: RawClient): PresenceDelta[] =>
  raw.frames.filter((frame) => frame[0] === PRESENCE_DELTA_MESSAGE).flatMap((frame) => {
    const decoded = decodePresenceDeltas(frame)
    if (!decoded.ok) throw new Error(decoded.error)
    return decoded.deltas
  })

describe('presence deltas between scale-out nodes', () => {
  it('a mic toggle on node 1 crosses Redis as a one-field delta; a core, a stock provider and a delta reader on node 2 and a stock provider on a node started later all hold the identical state', async () => {
    const s = await setup()
    const [node1, node2] = await Promise.all([s.c.startNode(), s.c.startNode()])
    const ada = await s.core(node1.url, 'ada')
    const bob = await s.core(node2.url, 'bob')
    const stock = await s.stock(node2.url, 'carol')
    const reader = await s.deltaReader(node2.url, 'dave')
    expect(await ada.execute({ type: 'enterRoom', roomId: 'lobby' })).toEqual({ ok: true })
    const adaId = ada.awareness.clientID
    await waitFor('node 2 to show ada in the lobby with her mic on', () =>
      [bob.awareness.getStates().get(adaId), stock.awareness.getStates().get(adaId)].every((state) => state?.room === 'lobby' && state.mic === true),
    )
    const before = await lastId(fixture.redis, s.key)

    expect(await ada.execute({ type: 'setMic', on: false })).toEqual({ ok: true })
    await waitFor('bob and the stock provider to see ada muted', () =>
      bob.awareness.getStates().get(adaId)?.mic === false && stock.awareness.getStates().get(adaId)?.mic === false,
    )
    const adaState = ada.awareness.getLocalState()
    expect(bob.awareness.getStates().get(adaId)).toEqual(adaState)
    expect(stock.awareness.getStates().get(adaId)).toEqual(adaState)
    await waitFor('the delta reader on node 2 to get the toggle as a delta', () =>
      deltasReceived(reader).some((delta) => delta.clientId === adaId && delta.changes.length === 1 && delta.changes[0]!.key === 'mic' && delta.changes[0]!.value === false),
    )

    const published = (await entriesAfter(fixture.redis, s.key, before)).map(({ entry }) => entry)
    const toggle = published.find((entry) => entry.kind === 'presence' && entry.deltas.some((delta) => delta.clientId === adaId))
    expect(toggle).toMatchObject({ kind: 'presence', deltas: [{ clientId: adaId, steps: 1, changes: [{ key: 'mic', value: false }] }] })
    expect(published.filter((entry) => entry.kind === 'awareness')).toEqual([])

    const node3 = await s.c.startNode()
    const late = await s.stock(node3.url, 'erin')
    await waitFor('a stock provider on the late node to hold ada muted', () => late.awareness.getStates().get(adaId)?.mic === false)
    expect(late.awareness.getStates().get(adaId)).toEqual(adaState)
  })

  it('whole awareness between nodes when HALLWAY_FANOUT_PRESENCE=whole: the toggle still arrives, with no delta on Redis', async () => {
    const c = await fixture.cluster({ presenceDeltas: false })
    const key = docStreamKey(teamDocName(c.teamId))
    const [node1, node2] = await Promise.all([c.startNode(), c.startNode()])
    const ada = await openCore(node1.url, await c.token('ada', 'admin'))
    const bob = await openCore(node2.url, await c.token('bob'))
    cores.push(ada, bob)
    await Promise.all([ada.whenSynced(), bob.whenSynced()])
    expect(await ada.execute({ type: 'enterRoom', roomId: 'lobby' })).toEqual({ ok: true })
    const adaId = ada.awareness.clientID
    await waitFor('bob to see ada in the lobby', () => bob.awareness.getStates().get(adaId)?.room === 'lobby')
    const before = await lastId(fixture.redis, key)
    expect(await ada.execute({ type: 'setMic', on: false })).toEqual({ ok: true })
    await waitFor('bob to see ada muted', () => bob.awareness.getStates().get(adaId)?.mic === false)
    expect(bob.awareness.getStates().get(adaId)).toEqual(ada.awareness.getLocalState())
    const kinds = (await entriesAfter(fixture.redis, key, before)).map(({ entry }) => entry.kind)
    expect(kinds).toContain('awareness')
    expect(kinds).not.toContain('presence')
  })

  it('a dropped delta (a gap in the sender\'s entries, the next delta missing its base) makes the node ask for presence; the answer brings a core, a stock provider and a delta reader to the identical state', async () => {
    const s = await setup()
    const node = await s.loggedNode()
    const bob = await s.core(node.url, 'bob')
    const stock = await s.stock(node.url, 'carol')
    const reader = await s.deltaReader(node.url, 'dave')
    const ghost = ghostNode(fixture.redis, s.key, 1, s.c.secret)
    await ghost.beAlive()
    const erin = 9001
    const inLobby = { ...initialPresence('erin', 'Erin', 'web'), room: 'lobby', mic: true }
    const holders = () => [bob.awareness.getStates().get(erin), stock.awareness.getStates().get(erin)]

    await ghost.publish(1, 'awareness', encodeAwarenessEntries([{ clientId: erin, clock: 1, state: inLobby }]))
    await waitFor('node clients to show erin in the lobby', () => holders().every((state) => state?.room === 'lobby'))
    await ghost.publish(2, 'presence', encodePresenceDeltas([{ clientId: erin, clock: 2, steps: 1, changes: [{ key: 'mic', value: false }] }]))
    await waitFor('the delta to reach the node\'s clients', () => holders().every((state) => state?.mic === false))
    await waitFor('the delta reader to get it as a delta', () => deltasReceived(reader).some((delta) => delta.clientId === erin && delta.clock === 2))

    // Seq 3 (erin walks to the kitchen) never reaches Redis; seq 4 builds on it.
    const dropped = await ghost.publish(4, 'presence', encodePresenceDeltas([{ clientId: erin, clock: 4, steps: 1, changes: [{ key: 'cam', value: true }] }]))
    const query = await waitFor('the node to ask for presence', async () =>
      (await entriesAfter(fixture.redis, s.key, dropped!)).find(({ entry }) => entry.kind === 'query' && entry.node !== 'ghost'),
    )
    expect(holders()).toEqual([{ ...inLobby, mic: false }, { ...inLobby, mic: false }])
    expect(s.logs.some((line) => line.msg === 'fan-out gap; reloading the document from the store')).toBe(true)

    const now = { ...inLobby, room: 'kitchen', mic: false, cam: true }
    await ghost.publish(5, 'awareness', encodeAwarenessEntries([{ clientId: erin, clock: 4, state: now }]))
    await waitFor('the answer to bring everyone to erin\'s state', () => holders().every((state) => state?.room === 'kitchen'))
    expect(holders()).toEqual([now, now])
    await waitFor('the delta reader to get it whole', () => stateIn(reader, erin)?.room === 'kitchen')
    expect(stateIn(reader, erin)).toEqual(now)

    // No gap this time: a delta on a clock the node never held (the sender's entry for it was lost before Redis).
    const unbased = await ghost.publish(6, 'presence', encodePresenceDeltas([{ clientId: erin, clock: 9, steps: 1, changes: [{ key: 'mic', value: true }] }]))
    await waitFor('the node to ask for presence again', async () =>
      (await entriesAfter(fixture.redis, s.key, unbased!)).some(({ entry }) => entry.kind === 'query' && entry.node === query.entry.node),
    )
    expect(s.logs.some((line) => line.msg === 'presence deltas without their base; asking for presence')).toBe(true)
    expect(holders()).toEqual([now, now])
  })

  it('a document stream keeps an expiry though renewals are spaced out: one that lost it (made anew after a Redis restart) gets it back when its node unloads the document', async () => {
    const s = await setup()
    const node = await s.c.startNode({ unloadAfterMs: 100 })
    const ada = await s.core(node.url, 'ada')
    expect(await ada.execute({ type: 'enterRoom', roomId: 'lobby' })).toEqual({ ok: true })
    await waitFor('the stream to hold an entry', async () => (await fixture.redis.xlen(s.key)) > 0)
    expect(await fixture.redis.pttl(s.key)).toBeGreaterThan(0)
    expect(await fixture.redis.persist(s.key)).toBe(1)
    expect(await ada.execute({ type: 'setMic', on: false })).toEqual({ ok: true })
    await ada.close()
    cores.splice(cores.indexOf(ada), 1)
    await waitFor('the unloaded document\'s stream to expire again', async () => (await fixture.redis.pttl(s.key)) > 0)
  })

  it('malformed presence entries on Redis (garbage, an empty delta list, oversized) are skipped with a log; the node carries on', async () => {
    const s = await setup()
    const node = await s.loggedNode()
    const bob = await s.core(node.url, 'bob')
    const erin = 9002
    await ghostNode(fixture.redis, s.key, 1, s.c.secret).beAlive()
    await ghostNode(fixture.redis, s.key, 2, s.c.secret).publish(1, 'presence', new Uint8Array([PRESENCE_DELTA_MESSAGE, 0]))
    await ghostNode(fixture.redis, s.key, 3, s.c.secret).publish(1, 'presence', new Uint8Array([PRESENCE_DELTA_MESSAGE, 1, 200]))
    await ghostNode(fixture.redis, s.key, 4, s.c.secret).publish(1, 'presence', new Uint8Array(MAX_PRESENCE_ENTRY_BYTES + 1).fill(PRESENCE_DELTA_MESSAGE))
    // Entries are read in order: once this one shows, the three above were handled.
    await ghostNode(fixture.redis, s.key, 1, s.c.secret).publish(1, 'awareness', encodeAwarenessEntries([{ clientId: erin, clock: 1, state: initialPresence('erin', 'Erin', 'web') }]))
    await waitFor('the valid entry after them to apply', () => bob.awareness.getStates().get(erin)?.user === 'erin')

    const skipped = s.logs.filter((line) => line.msg === 'malformed fan-out entry skipped').map((line) => line.error?.message)
    expect(skipped).toEqual([
      expect.stringMatching(/presence payload does not decode: a presence delta message names at least one client/),
      expect.stringMatching(/presence payload does not decode/),
      expect.stringMatching(/presence payload of \d+ bytes, more than/),
    ])
    expect(await bob.execute({ type: 'enterRoom', roomId: 'kitchen' })).toEqual({ ok: true })
  })

  it('another node\'s awareness is applied from the decode that checked it: forged, garbled and too deeply nested entries are still refused, and a whole state and a delta on it each reach a socket on the node exactly once', async () => {
    const s = await setup()
    const node = await s.loggedNode()
    const watcher = await s.raw(node.url, 'bob')
    const ghost = ghostNode(fixture.redis, s.key, 1, s.c.secret)
    await ghost.beAlive()
    const [forged, garbled, nested, erin, marker] = [9101, 9102, 9103, 9104, 9105]
    const presence = (user: string, room: string) => ({ ...initialPresence(user, user, 'web'), room })
    const whole = (clientId: number, state: unknown) => Buffer.from(encodeAwarenessEntries([{ clientId, clock: 1, state }]))

    await appendEntry(fixture.redis, s.key, null, 'kind', 'awareness', 'node', 'ghost', 'link', '2', 'seq', '1', 'data', whole(forged, presence('mallory', 'kitchen')))
    const cutJson = encoding.createEncoder()
    encoding.writeVarUint(cutJson, 1)
    encoding.writeVarUint(cutJson, garbled)
    encoding.writeVarUint(cutJson, 1)
    encoding.writeVarString(cutJson, JSON.stringify(presence('mallory', 'kitchen')).slice(0, -1))
    await ghostNode(fixture.redis, s.key, 3, s.c.secret).publish(1, 'awareness', encoding.toUint8Array(cutJson))
    let deep: Record<string, unknown> = {}
    for (let depth = 0; depth < 40; depth++) deep = { deep }
    await ghostNode(fixture.redis, s.key, 4, s.c.secret).publish(1, 'awareness', whole(nested, { ...presence('mallory', 'kitchen'), deep }))
    // Entries are read in order: once erin shows, the three above were handled.
    await ghost.publish(1, 'awareness', whole(erin, presence('erin', 'kitchen')))
    await waitFor('the watcher to get erin in the kitchen', () => stateIn(watcher, erin)?.room === 'kitchen')
    await ghost.publish(2, 'presence', encodePresenceDeltas([{ clientId: erin, clock: 2, steps: 1, changes: [{ key: 'room', value: 'lobby' }] }]))
    // A later entry: once it shows, any second delivery of erin's two would have come before it.
    await ghost.publish(3, 'awareness', whole(marker, presence('frank', 'lobby')))
    await waitFor('the watcher to get the marker entry', () => stateIn(watcher, marker)?.user === 'frank')

    expect(entriesIn(watcher, erin)).toEqual([
      { clientId: erin, clock: 1, state: presence('erin', 'kitchen') },
      { clientId: erin, clock: 2, state: presence('erin', 'lobby') },
    ])
    for (const refused of [forged, garbled, nested]) expect(entriesIn(watcher, refused)).toEqual([])
    expect(await readMetric(node.url, 'hallway_refusals_total{reason="fanout-entry-unauthenticated"}')).toBe(1)
    expect(s.logs.filter((line) => line.msg === 'malformed fan-out entry skipped').map((line) => line.error?.message)).toEqual([
      expect.stringMatching(/awareness payload does not decode/),
      expect.stringMatching(/awareness payload does not decode: awareness state nested too deeply/),
    ])
    expect(s.logs.some((line) => line.msg === 'fan-out gap; reloading the document from the store')).toBe(false)
  })
})

/** Every awareness entry a socket received for a client, in order, from standard awareness messages. */
function entriesIn(raw: RawClient, clientId: number): AwarenessEntry[] {
  return raw.frames.flatMap((frame) => {
    const message = decodeMessage(frame)
    return message.type === 'awareness' ? message.entries.filter((entry) => entry.clientId === clientId) : []
  })
}

/** The latest whole state a socket received for a client, from standard awareness messages. */
function stateIn(raw: RawClient, clientId: number): Record<string, unknown> | undefined {
  return entriesIn(raw, clientId).at(-1)?.state as Record<string, unknown> | undefined
}
