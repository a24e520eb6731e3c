import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeAwarenessUpdate, Awareness } from 'y-protocols/awareness'
import { MalformedMessage, decodeMessage, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate, isSyncStep2, peekAwarenessClocks } from './protocol'
import { wouldChange } from './write-check'

function docWithHistory(): Y.Doc {
  const doc = new Y.Doc()
  const map = doc.getMap('m')
  map.set('a', 1)
  map.set('a', 2) // overwrite: leaves a deletion
  doc.getArray('list').push([1, 2, 3])
  doc.getArray('list').delete(1, 1)
  return doc
}

function replicaOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

function decodedStep2(from: Y.Doc, to: Y.Doc) {
  const message = decodeMessage(encodeSyncStep2(from, Y.encodeStateVector(to)))
  if (message.type !== 'syncStep2') throw new Error('expected step 2')
  return message.decoded
}

describe('sync protocol decoding', () => {
  it('decodes every message type the y-websocket client sends', () => {
    const doc = docWithHistory()
    expect(decodeMessage(encodeSyncStep1(doc)).type).toBe('syncStep1')
    expect(decodeMessage(encodeSyncStep2(doc)).type).toBe('syncStep2')
    expect(decodeMessage(encodeUpdate(Y.encodeStateAsUpdate(doc))).type).toBe('update')
    const awareness = decodeMessage(encodeAwareness(new Uint8Array([1, 7, 3, ...new TextEncoder().encode('\x04null')])))
    expect(awareness).toMatchObject({ type: 'awareness', entries: [{ clientId: 7, clock: 3, state: null }] })
    expect(decodeMessage(new Uint8Array([3])).type).toBe('queryAwareness')
  })

  it.each([
    ['empty frame', []],
    ['unknown message type', [9]],
    ['unknown sync type', [0, 5, 0]],
    ['truncated update', [0, 2, 10, 1, 2]],
    ['garbage update', [0, 2, 5, 1, 2, 3, 4, 5]],
    ['awareness with broken JSON', [1, 5, 1, 7, 3, 1, 123]],
  ])('refuses a %s', (_name, bytes) => {
    expect(() => decodeMessage(new Uint8Array(bytes))).toThrow(MalformedMessage)
  })

  it('tells a sync step 2 (the one message allowed past the message cap) from every other frame by its first bytes', () => {
    const doc = docWithHistory()
    expect(isSyncStep2(encodeSyncStep2(doc))).toBe(true)
    expect(isSyncStep2(encodeSyncStep1(doc))).toBe(false)
    expect(isSyncStep2(encodeUpdate(Y.encodeStateAsUpdate(doc)))).toBe(false)
    expect(isSyncStep2(encodeAwareness(new Uint8Array([1, 7, 3, 1, 0x31])))).toBe(false)
    expect(isSyncStep2(new Uint8Array([1, 1]))).toBe(false)
    expect(isSyncStep2(new Uint8Array([0]))).toBe(false)
  })
})

describe('wouldChange (read-only roles)', () => {
  it('is false for a replica\'s step 2, though it carries the whole delete set', () => {
    const server = docWithHistory()
    const guest = replicaOf(server)
    const decoded = decodedStep2(guest, server)
    expect(decoded.ds.clients.size).toBeGreaterThan(0)
    expect(wouldChange(server, decoded)).toBe(false)
  })

  it('is true for new content or a new deletion', () => {
    const server = docWithHistory()
    const guest = replicaOf(server)
    guest.getMap('m').set('b', 1)
    expect(wouldChange(server, decodedStep2(guest, server))).toBe(true)

    const deleter = replicaOf(server)
    deleter.getArray('list').delete(0, 1)
    expect(wouldChange(server, decodedStep2(deleter, server))).toBe(true)
  })
})

describe('peekAwarenessClocks (echo detection without parsing states)', () => {
  function awarenessFrame(states: Record<number, unknown>): Uint8Array {
    const awareness = new Awareness(new Y.Doc())
    awareness.setLocalState(null)
    for (const [id, state] of Object.entries(states)) {
      awareness.states.set(Number(id), state as Record<string, unknown>)
      awareness.meta.set(Number(id), { clock: Number(id) * 10, lastUpdated: 0 })
    }
    const frame = encodeAwareness(encodeAwarenessUpdate(awareness, Object.keys(states).map(Number)))
    awareness.destroy()
    return frame
  }

  it('reads each client id and clock, and tells a removal by its null state', () => {
    const frame = awarenessFrame({ 3: { user: 'a', room: 'kitchen', note: 'null' }, 4: null })
    expect(peekAwarenessClocks(frame, 2)).toEqual([
      { clientId: 3, clock: 30, removal: false },
      { clientId: 4, clock: 40, removal: true },
    ])
  })

  it('answers null for other messages and for frames that end early or claim more bytes than they have', () => {
    const frame = awarenessFrame({ 5: { user: 'b' } })
    expect(peekAwarenessClocks(encodeSyncStep1(new Y.Doc()), 10)).toBeNull()
    expect(peekAwarenessClocks(frame.subarray(0, frame.byteLength - 2), 10)).toBeNull()
    expect(peekAwarenessClocks(new Uint8Array([1, 200, 1, 1, 7, 3]), 10)).toBeNull()
    expect(peekAwarenessClocks(new Uint8Array([1, 6, 1, 7, 3, 90, 1, 1]), 10)).toBeNull()
    expect(peekAwarenessClocks(new Uint8Array([1]), 10)).toBeNull()
  })

  it('reads no entry of a frame that names more clients than the bound', () => {
    const frame = awarenessFrame({ 1: { user: 'a' }, 2: { user: 'b' }, 3: { user: 'c' } })
    expect(peekAwarenessClocks(frame, 3)).toHaveLength(3)
    expect(peekAwarenessClocks(frame, 2)).toBe('too-many')
  })
})
