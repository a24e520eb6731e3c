import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import { encodePresenceDeltas } from '../../shared/contract/presence-delta'
import { awarenessPayloadOfBytes } from '../testing/wire-frames'
import { DEFAULT_TUNING } from '../tuning'
import { encodeAwarenessEntries } from '../../shared/contract/awareness-update'
import { MAX_COMEBACK_HOLD_MS } from '../../shared/core/last-seen-presence'
import { BadEntry, EntryTooLarge, awarenessPayloads, drainLeaveData, entryFields, fieldValues, parseEntry } from './stream-entry'
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

  it('drain-leave entries round-trip with their hold; one with a state in it, a hold past what any core waits, or no hold is skipped', () => {
    const removals = [{ clientId: 5, clock: 3, state: null }, { clientId: 6, clock: 1, state: null }]
    const entry = (data: Uint8Array) => asValues(entryFields('n1', 3, 12, { kind: 'drain-leave', data }))
    expect(parseEntry(entry(drainLeaveData(9550, encodeAwarenessEntries(removals))), CAP)).toMatchObject({ kind: 'drain-leave', node: 'n1', seq: 12, holdMs: 9550, entries: removals })
    // The writer keeps to the cap a reader checks.
    expect(parseEntry(entry(drainLeaveData(10 ** 9, encodeAwarenessEntries(removals))), CAP)).toMatchObject({ holdMs: MAX_COMEBACK_HOLD_MS })
    const withState = drainLeaveData(1000, encodeAwarenessEntries([{ clientId: 5, clock: 3, state: { user: 'ada' } }]))
    expect(() => parseEntry(entry(withState), CAP)).toThrow('removals only')
    const pastCap = Buffer.from(drainLeaveData(1000, encodeAwarenessEntries(removals)))
    pastCap.writeUInt32BE(MAX_COMEBACK_HOLD_MS + 1)
    expect(() => parseEntry(entry(pastCap), CAP)).toThrow(BadEntry)
    expect(() => parseEntry(entry(Uint8Array.of(0, 1)), CAP)).toThrow(BadEntry)
    expect(() => parseEntry(entry(drainLeaveData(1000, Uint8Array.of(1, 5))), CAP)).toThrow(BadEntry)
    expect(() => parseEntry(entry(new Uint8Array(CAP + 5)), CAP)).toThrow(EntryTooLarge)
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
