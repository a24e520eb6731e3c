// Replayed fan-out entries (issue 14 follow-up): a tag proves a node published an entry, not that
// it published it now. Anyone with access to Redis can append a node's entry again, byte for byte.
// Real Redis and Postgres, real nodes and sockets.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeAwarenessEntries } from '../../shared/contract/awareness-update'
import { encodePresenceDeltas } from '../../shared/contract/presence-delta'
import { encodeReadMarkers } from '../../shared/contract/read-markers'
import { initialPresence, type PresenceState } from '../../shared/core/presence'
import { capturedLogger } from '../testing/captured-log'
import { appendEntry, entriesAfter, ghostNode, lastId, nodeWatchedByBob, reappend } from '../testing/fanout-stream'
import { readMetric, waitFor } from '../testing/harness'
import { scaleOutFixture } from '../testing/scale-out-fixture'
import { nodeKey } from './node-liveness'
import { entryFields } from './stream-entry'

const fixture = scaleOutFixture()
beforeAll(fixture.start)
afterEach(fixture.closeAll)
afterAll(fixture.stop)

const REPLAYED = 'hallway_refusals_total{reason="fanout-entry-replayed"}'
const RELOADED = 'fan-out gap; reloading the document from the store'

/** An update that writes `value` under a top-level map of its own: applied, it shows in any copy of the document. */
function mapUpdate(name: string, value: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap(name).set('by', value)
  return Y.encodeStateAsUpdate(doc)
}

const inLobby = (user: string): PresenceState => ({ ...initialPresence(user, user, 'web'), room: 'lobby', mic: true })

describe('a node\'s own entries appended again to its stream', () => {
  it('a mic-on entry appended again after the member muted leaves a core and a stock provider on the other node seeing her muted; the copy is skipped, logged and counted, with no reload', async () => {
    const s = await fixture.office()
    const { logger, logs } = capturedLogger()
    const node1 = await s.c.startNode()
    const node2 = await s.c.startNode({ logger })
    const ada = await s.core(node1.url, 'ada')
    const bob = await s.core(node2.url, 'bob')
    const stock = await s.stock(node2.url, 'carol')
    const adaId = ada.awareness.clientID
    const seen = () => [bob.awareness.getStates().get(adaId), stock.awareness.getStates().get(adaId)]
    expect(await ada.execute({ type: 'enterRoom', roomId: 'lobby' })).toEqual({ ok: true })
    expect(await ada.execute({ type: 'setMic', on: false })).toEqual({ ok: true })
    await waitFor('node 2 to show ada muted in the lobby', () => seen().every((state) => state?.room === 'lobby' && state.mic === false))

    const before = await lastId(fixture.redis, s.key)
    expect(await ada.execute({ type: 'setMic', on: true })).toEqual({ ok: true })
    await waitFor('node 2 to show ada\'s mic on', () => seen().every((state) => state?.mic === true))
    const micOn = (await entriesAfter(fixture.redis, s.key, before)).find(
      ({ entry }) => entry.kind === 'presence' && entry.deltas.some((delta) => delta.clientId === adaId && delta.changes.some((change) => change.key === 'mic' && change.value === true)),
    )
    expect(micOn).toBeDefined()
    expect(await ada.execute({ type: 'setMic', on: false })).toEqual({ ok: true })
    await waitFor('node 2 to show ada muted again', () => seen().every((state) => state?.mic === false))

    await reappend(fixture.redis, s.key, micOn!.id)
    // Published after the copy: once it shows on node 2, the copy has been read there.
    expect(await ada.execute({ type: 'setCam', on: true })).toEqual({ ok: true })
    await waitFor('node 2 to show ada\'s camera on', () => seen().every((state) => state?.cam === true))

    expect(ada.awareness.getLocalState()).toMatchObject({ mic: false, cam: true })
    expect(seen()).toEqual([ada.awareness.getLocalState(), ada.awareness.getLocalState()])
    expect(await readMetric(node2.url, REPLAYED)).toBe(1)
    expect(logs.filter((line) => line.msg === 'replayed fan-out entry skipped')).toHaveLength(1)
    expect(logs.some((line) => line.msg === RELOADED)).toBe(false)
  })

  it('the entry that brought a dead node\'s member in, appended again after the others took her down, does not bring her back on that node (it forgot her clock with her node): a member connecting afterwards does not see her', async () => {
    const s = await fixture.office()
    const node = await s.c.startNode()
    const bob = await s.core(node.url, 'bob')
    const markerNode = await s.c.startNode()
    const ada = await s.core(markerNode.url, 'ada')
    const ghost = ghostNode(fixture.redis, s.key, 1, s.c.secret)
    await ghost.beAlive()
    const erin = 9501

    const erinEnters = await ghost.publish(1, 'awareness', encodeAwarenessEntries([{ clientId: erin, clock: 1, state: inLobby('erin') }]))
    await waitFor('bob to see erin in the lobby', () => bob.awareness.getStates().get(erin)?.room === 'lobby')
    await fixture.redis.del(nodeKey('ghost'))
    await waitFor('bob to see erin gone with her node', () => !bob.awareness.getStates().has(erin))

    await reappend(fixture.redis, s.key, erinEnters!)
    expect(await ada.execute({ type: 'enterRoom', roomId: 'lobby' })).toEqual({ ok: true })
    await waitFor('bob to see ada enter the lobby, after the copy', () => bob.awareness.getStates().get(ada.awareness.clientID)?.room === 'lobby')

    // Bob's own copy of erin's clock would hide her return from him; a member arriving now holds none.
    const late = await s.stock(node.url, 'carol')
    await waitFor('a member connecting after the copy to get the node\'s presence', () => late.awareness.getStates().get(ada.awareness.clientID)?.room === 'lobby')
    expect(late.awareness.getStates().has(erin)).toBe(false)
    expect(bob.awareness.getStates().has(erin)).toBe(false)
    expect(await readMetric(node.url, REPLAYED)).toBe(1)
  })

  it('copies of every kind (update, whole awareness, presence delta, read marker, query) are skipped and counted without a reload; a member\'s lower read marker does not come again', async () => {
    const { s, logs, node, bob, bobsMarkers, bobsDoc, ghost } = await nodeWatchedByBob(fixture)
    const erin = 9502
    const readForBob = (seq: number, markerSeq: number) =>
      appendEntry(fixture.redis, s.key, s.c.secret, ...entryFields('ghost', 1, seq, { kind: 'read', user: 'bob', data: encodeReadMarkers([{ roomId: 'kitchen', seq: markerSeq }]) }))
    const answers = async (after: string) => (await entriesAfter(fixture.redis, s.key, after)).filter(({ entry }) => entry.node !== 'ghost' && (entry.kind === 'awareness' || entry.kind === 'query'))

    const published = [
      await ghost.publish(1, 'update', mapUpdate('replayed', 'first')),
      await ghost.publish(2, 'awareness', encodeAwarenessEntries([{ clientId: erin, clock: 1, state: inLobby('erin') }])),
      await ghost.publish(3, 'presence', encodePresenceDeltas([{ clientId: erin, clock: 2, steps: 1, changes: [{ key: 'mic', value: false }] }])),
      await readForBob(4, 5),
      await ghost.publish(5, 'query'),
    ]
    await readForBob(6, 7)
    await bobsMarkers.receives('kitchen', 7)
    await waitFor('bob to see erin muted', () => bob.awareness.getStates().get(erin)?.mic === false)
    await waitFor('the node to answer the query with bob\'s presence', async () => (await answers(published[4]!)).length > 0)
    const copiesFrom = await lastId(fixture.redis, s.key)

    for (const id of published) await reappend(fixture.redis, s.key, id!)
    await ghost.publish(7, 'update', mapUpdate('marker', 'after the copies'))
    await waitFor('the update published after the copies to reach bob', () => bobsDoc.doc.getMap('marker').get('by') === 'after the copies')
    await bobsMarkers.barrier()

    expect(bobsMarkers.markers()).toEqual([
      { roomId: 'kitchen', seq: 5 },
      { roomId: 'kitchen', seq: 7 },
    ])
    expect(bob.awareness.getStates().get(erin)?.mic).toBe(false)
    expect(await readMetric(node.url, REPLAYED)).toBe(5)
    expect(logs.some((line) => line.msg === RELOADED)).toBe(false)
    // An answered copy of the query, or a reload, would have made the node publish again.
    expect(await answers(copiesFrom)).toEqual([])
  })
})
