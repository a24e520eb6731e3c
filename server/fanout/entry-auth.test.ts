// Fan-out entries are authenticated (issue 14 follow-up): Redis can be written by more than the
// nodes, so a node acts only on entries tagged under the secret the nodes share. Real Redis and
// Postgres, real nodes and sockets.
import { randomBytes } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeAwarenessEntries } from '../../shared/contract/awareness-update'
import { encodeReadMarkers } from '../../shared/contract/read-markers'
import { initialPresence } from '../../shared/core/presence'
import { appendEntry, nodeWatchedByBob } from '../testing/fanout-stream'
import { readMetric, waitFor } from '../testing/harness'
import { scaleOutFixture } from '../testing/scale-out-fixture'
import { EntryAuth } from './entry-auth'
import { docStreamKey } from './redis-fanout'
import { entryFields, fieldValues } from './stream-entry'

const fixture = scaleOutFixture()
beforeAll(fixture.start)
afterEach(fixture.closeAll)
afterAll(fixture.stop)

/** An update that writes `value` under a top-level map of its own: applied, it shows in any copy of the document. */
function mapUpdate(name: string, value: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap(name).set('by', value)
  return Y.encodeStateAsUpdate(doc)
}

const presenceOf = (clientId: number, user: string) => encodeAwarenessEntries([{ clientId, clock: 1, state: { ...initialPresence(user, user, 'web'), room: 'kitchen' } }])

describe('fan-out entries carry a tag only the nodes can make', () => {
  it('a hostile writer with Redis access but not the secret cannot forge presence, reads or document updates (untagged, wrong key, altered, copied from another stream): each is skipped, logged and counted, and the signed entries after them arrive', async () => {
    const { s, logs, node, bob, bobsMarkers, bobsDoc, ghost } = await nodeWatchedByBob(fixture)
    const [forgedId, signedId] = [9301, 9302]

    // The hostile writer: everything a node writes, but no secret, or another one.
    const forge = (...fields: Array<string | Buffer>) => appendEntry(fixture.redis, s.key, null, ...fields)
    const header = (seq: number) => ['node', 'ghost', 'link', '2', 'seq', String(seq)]
    await forge('kind', 'awareness', ...header(1), 'data', Buffer.from(presenceOf(forgedId, 'ada')))
    await forge('kind', 'update', ...header(2), 'data', Buffer.from(mapUpdate('forged', 'untagged')))
    await forge('kind', 'read', ...header(3), 'user', 'bob', 'data', Buffer.from(encodeReadMarkers([{ roomId: 'kitchen', seq: 90 }])))
    await forge('kind', 'query', ...header(4), 'tag', randomBytes(32))
    await appendEntry(fixture.redis, s.key, randomBytes(32), 'kind', 'update', ...header(5), 'data', Buffer.from(mapUpdate('forged', 'another key')))
    // A genuine node's read entry for ada, with bob's name put in its place.
    const forAda = entryFields('ghost', 2, 6, { kind: 'read', user: 'ada', data: encodeReadMarkers([{ roomId: 'kitchen', seq: 91 }]) })
    const adaTag = new EntryAuth(s.c.secret).tag(s.key, fieldValues(forAda))
    await forge(...forAda.map((field) => (field.toString() === 'ada' ? Buffer.from('bob') : field)), 'tag', adaTag)
    // A genuine entry of another document's stream, copied into this one.
    const otherKey = docStreamKey('team-elsewhere')
    const copied = entryFields('ghost', 2, 7, { kind: 'update', data: mapUpdate('forged', 'copied') })
    await forge(...copied, 'tag', new EntryAuth(s.c.secret).tag(otherKey, fieldValues(copied)))

    // A node holding the secret: its entries, read after the forged ones, arrive.
    await ghost.publish(1, 'awareness', presenceOf(signedId, 'erin'))
    await ghost.publish(2, 'update', mapUpdate('signed', 'ghost'))
    await appendEntry(fixture.redis, s.key, s.c.secret, ...entryFields('ghost', 1, 3, { kind: 'read', user: 'bob', data: encodeReadMarkers([{ roomId: 'kitchen', seq: 5 }]) }))
    await waitFor('bob to see erin, whose presence came signed', () => bob.awareness.getStates().get(signedId)?.user === 'erin')
    await waitFor('the signed update to reach bob', () => bobsDoc.doc.getMap('signed').get('by') === 'ghost')
    await bobsMarkers.receives('kitchen', 5)
    await bobsMarkers.barrier()

    expect(bob.awareness.getStates().has(forgedId)).toBe(false)
    expect(bobsDoc.doc.getMap('forged').size).toBe(0)
    expect(bobsMarkers.markers()).toEqual([{ roomId: 'kitchen', seq: 5 }])
    expect(await readMetric(node.url, 'hallway_refusals_total{reason="fanout-entry-unauthenticated"}')).toBe(7)
    expect(logs.filter((line) => line.msg === 'unauthenticated fan-out entry skipped')).toHaveLength(7)
    expect(logs.some((line) => line.msg === 'fan-out gap; reloading the document from the store')).toBe(false)
  })

  it('entries published by one node verify on another: presence and edits cross between two real nodes', async () => {
    const s = await fixture.office()
    const [node1, node2] = await Promise.all([s.c.startNode(), s.c.startNode()])
    const ada = await s.core(node1.url, 'ada')
    const bob = await s.core(node2.url, 'bob')
    expect(await ada.execute({ type: 'enterRoom', roomId: 'kitchen' })).toEqual({ ok: true })
    expect(await ada.execute({ type: 'createRoom', name: 'Signed Room', kind: 'open' })).toEqual({ ok: true })
    await waitFor('bob to see ada in the kitchen and the new room', () =>
      bob.view().rooms.kitchen?.occupants.includes('ada') && Object.values(bob.view().rooms).some((room) => room.name === 'Signed Room'),
    )
    expect(await readMetric(node2.url, 'hallway_refusals_total{reason="fanout-entry-unauthenticated"}')).toBeNaN()
  })
})

describe('entry tags', () => {
  const secret = randomBytes(32)
  const key = docStreamKey('team-t1')
  const fields = entryFields('n1', 3, 7, { kind: 'read', user: 'ada', data: encodeReadMarkers([{ roomId: 'kitchen', seq: 4 }]) })
  const tagged = (values: Map<string, Buffer>, tag: Buffer) => new Map([...values, ['tag', tag]])

  it('verify under the same secret and stream, and not with any read field changed, dropped or added, another stream, another secret, or a cut tag', () => {
    const auth = new EntryAuth(secret)
    const values = fieldValues(fields)
    const tag = auth.tag(key, values)
    expect(auth.verifies(key, tagged(values, tag))).toBe(true)
    expect(new EntryAuth(Uint8Array.from(secret)).verifies(key, tagged(values, tag))).toBe(true)

    for (const name of ['kind', 'node', 'link', 'seq', 'user', 'data']) {
      const changed = new Map(values).set(name, Buffer.concat([values.get(name)!, Buffer.of(0)]))
      expect(auth.verifies(key, tagged(changed, tag)), `${name} changed`).toBe(false)
      const dropped = new Map(values)
      dropped.delete(name)
      expect(auth.verifies(key, tagged(dropped, tag)), `${name} dropped`).toBe(false)
    }
    const query = fieldValues(entryFields('n1', 3, 7, { kind: 'query' }))
    expect(auth.verifies(key, tagged(new Map(query).set('data', Buffer.alloc(0)), auth.tag(key, query))), 'an empty data field added').toBe(false)
    expect(auth.verifies(docStreamKey('team-t2'), tagged(values, tag))).toBe(false)
    expect(new EntryAuth(randomBytes(32)).verifies(key, tagged(values, tag))).toBe(false)
    expect(auth.verifies(key, tagged(values, tag.subarray(0, 16)))).toBe(false)
    expect(auth.verifies(key, values)).toBe(false)
  })
})
