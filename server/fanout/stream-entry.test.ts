import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import { encodePresenceDeltas } from '../../shared/contract/presence-delta'
import { awarenessPayloadOfBytes } from '../testing/wire-frames'
import { DEFAULT_TUNING } from '../tuning'
import { BadEntry, EntryTooLarge, awarenessPayloads, entryFields, fieldValues, parseEntry } from './stream-entry'
import { encodeReadMarkers } from '../../shared/contract/read-markers'
import { parseXread } from './stream-reader'

/** The sync server's message cap, which whole-state awareness entries keep to. */
const CAP = DEFAULT_TUNING.maxMessageBytes
/** An entry's fields by name, as a reader gets them from Redis. */
const asValues = (fields: Array<string | Buffer>) => fieldValues(fields.map((field) => (typeof field === 'string' ? Buffer.from(field) : field)))

function sampleUpdate(): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('m').set('k', 1)
  return Y.encodeStateAsUpdate(doc)
}

function sampleAwareness(): Uint8Array {
  const awareness = new Awareness(new Y.Doc())
  awareness.setLocalState({ user: 'ada', room: 'lobby' })
  return encodeAwarenessUpdate(awareness, [awareness.clientID])
}

describe('fan-out stream entries', () => {
  it("read entries round-trip, and one naming no member, a member id of the wrong shape or markers that do not decode is skipped", () => {
    const data = encodeReadMarkers([{ roomId: 'kitchen', seq: 4 }])
    expect(parseEntry(asValues(entryFields('n1', 3, 11, { kind: 'read', user: 'ada', data })), CAP)).toEqual({ kind: 'read', node: 'n1', link: 3, seq: 11, user: 'ada', data, markers: [{ roomId: 'kitchen', seq: 4 }] })
    const fields = (user: string | null, payload: Uint8Array) =>
      asValues(['kind', 'read', 'node', 'n1', 'link', '3', 'seq', '12', ...(user === null ? [] : ['user', user]), 'data', Buffer.from(payload)])
    expect(() => parseEntry(fields(null, data), CAP)).toThrow(BadEntry)
    expect(() => parseEntry(fields('ada bob', data), CAP)).toThrow(BadEntry)
    expect(() => parseEntry(fields('ada', Uint8Array.of(101, 0)), CAP)).toThrow(BadEntry)
    expect(() => parseEntry(fields('ada', new Uint8Array(40_000).fill(101)), CAP)).toThrow(/more than/)
  })

  it('round-trip: update, awareness (decoded), query', () => {
    const update = sampleUpdate()
    expect(parseEntry(asValues(entryFields('n1', 3, 7, { kind: 'update', data: update })), CAP)).toEqual({ kind: 'update', node: 'n1', link: 3, seq: 7, data: update })
    const awareness = parseEntry(asValues(entryFields('n1', 3, 8, { kind: 'awareness', data: sampleAwareness() })), CAP)
    expect(awareness).toMatchObject({ kind: 'awareness', entries: [{ state: { user: 'ada', room: 'lobby' } }] })
    expect(parseEntry(asValues(entryFields('n1', 3, 9, { kind: 'query' })), CAP)).toEqual({ kind: 'query', node: 'n1', link: 3, seq: 9 })
    const deltas = [{ clientId: 5, clock: 4, steps: 1, changes: [{ key: 'mic', value: false }] }]
    expect(parseEntry(asValues(entryFields('n1', 3, 10, { kind: 'presence', data: encodePresenceDeltas(deltas) })), CAP)).toMatchObject({ kind: 'presence', seq: 10, deltas })
  })

  it.each([
    ['odd field count', ['kind', 'query', 'node']],
    ['bad node id', ['kind', 'query', 'node', 'N 1!', 'link', '1', 'seq', '1']],
    ['zero seq', ['kind', 'query', 'node', 'n1', 'link', '1', 'seq', '0']],
    ['huge link', ['kind', 'query', 'node', 'n1', 'link', '12345678901234567', 'seq', '1']],
    ['unknown kind', ['kind', 'delete', 'node', 'n1', 'link', '1', 'seq', '1']],
    ['update without data', ['kind', 'update', 'node', 'n1', 'link', '1', 'seq', '1']],
    ['update that does not decode', ['kind', 'update', 'node', 'n1', 'link', '1', 'seq', '1', 'data', Buffer.from([255, 255, 255, 255, 1])]],
    ['awareness with broken JSON', ['kind', 'awareness', 'node', 'n1', 'link', '1', 'seq', '1', 'data', Buffer.from([1, 5, 1, 3, 123, 120, 120])]],
  ])('refuses %s', (_what, fields) => {
    expect(() => parseEntry(asValues(fields as Array<string | Buffer>), CAP)).toThrow(BadEntry)
  })

  it('takes a whole-state awareness entry of exactly the message cap, and refuses one a byte over it as too large', () => {
    const entry = (bytes: number) => asValues(entryFields('n1', 3, 11, { kind: 'awareness', data: awarenessPayloadOfBytes(7, { user: 'ada' }, bytes) }))
    expect(parseEntry(entry(CAP), CAP)).toMatchObject({ kind: 'awareness', entries: [{ clientId: 7, state: { user: 'ada' } }] })
    expect(() => parseEntry(entry(CAP + 1), CAP)).toThrow(EntryTooLarge)
    expect(() => parseEntry(entry(CAP + 1), CAP)).toThrow(`awareness payload of ${CAP + 1} bytes, more than ${CAP}`)
  })

  it('splits whole states into payloads within the cap, in order, losing none; a state over the cap goes alone', () => {
    const cap = 1000
    const state = (id: number, chars: number) => ({ clientId: id, clock: 1, state: { user: `u${id}`, pad: 'x'.repeat(chars) } })
    const entries = [state(1, 300), state(2, 300), state(3, 300), state(4, 1200), state(5, 10), { clientId: 6, clock: 2, state: null }]
    const payloads = awarenessPayloads(entries, cap)
    expect(payloads.map((payload) => payload.entries.map((entry) => entry.clientId))).toEqual([[1, 2, 3], [4], [5, 6]])
    expect(payloads.map((payload) => payload.data.byteLength > cap)).toEqual([false, true, false])
    expect(payloads.flatMap((payload) => parseEntry(asValues(entryFields('n1', 1, 1, { kind: 'awareness', data: payload.data })), 2 * cap))).toMatchObject(
      payloads.map((payload) => ({ kind: 'awareness', entries: payload.entries })),
    )
  })

  it('checks the shape of XREAD replies', () => {
    expect(parseXread(null)).toEqual([])
    const fields = [Buffer.from('kind'), Buffer.from('query')]
    expect(parseXread([[Buffer.from('k'), [[Buffer.from('1-2'), fields]]]])).toEqual([{ key: 'k', items: [{ id: '1-2', fields }] }])
    expect(() => parseXread('OK')).toThrow()
    expect(() => parseXread([[Buffer.from('k'), [[Buffer.from('not-an-id'), fields]]]])).toThrow()
    expect(() => parseXread([[Buffer.from('k'), [[Buffer.from('1-2'), ['text']]]]])).toThrow()
  })
})
