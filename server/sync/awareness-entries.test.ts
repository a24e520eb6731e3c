import { describe, expect, it } from 'vitest'
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { awarenessFrameOf, encodeAwarenessEntries, encodeAwarenessEntry } from './awareness-entries'
import { decodeAwarenessUpdate, encodeAwareness } from './protocol'
import { WireFrame } from './ws-frame'

describe('awareness entries', () => {
  it('encodes captured entries to the very bytes y-protocols writes for the same states', () => {
    const awareness = new Awareness(new Y.Doc())
    awareness.setLocalState({ user: 'ada', room: 'kitchen', mic: true, note: 'ünïcode ✓' })
    const { clientID } = awareness
    const clock = awareness.meta.get(clientID)!.clock
    expect(encodeAwarenessEntries([{ clientId: clientID, clock, state: awareness.getLocalState() }])).toEqual(encodeAwarenessUpdate(awareness, [clientID]))
  })

  it('round-trips through the server decoder, a removal (null state) included', () => {
    const entries = [
      { clientId: 7, clock: 3, state: { user: 'bob', room: null } },
      { clientId: 2 ** 31, clock: 0, state: null },
    ]
    expect(decodeAwarenessUpdate(encodeAwarenessEntries(entries))).toEqual(entries)
    expect(decodeAwarenessUpdate(encodeAwarenessEntries([]))).toEqual([])
  })

  it('frames entries encoded one by one as the very message (and wire bytes) of encoding them together, any subset in order', () => {
    const entries = Array.from({ length: 130 }, (_, i) => ({ clientId: i * 1000, clock: i * 7, state: i % 9 === 0 ? null : { user: `u${i}`, room: 'ü'.repeat(i) } }))
    const parts = entries.map(encodeAwarenessEntry)
    const together = (subset: typeof entries) => new WireFrame(encodeAwareness(encodeAwarenessEntries(subset)))
    const same = (frame: WireFrame, expected: WireFrame) => {
      expect(new Uint8Array(frame.payload)).toEqual(expected.payload)
      expect(Buffer.compare(frame.bytes, expected.bytes)).toBe(0)
    }
    same(awarenessFrameOf(parts), together(entries))
    same(awarenessFrameOf(parts.filter((_, i) => i % 2 === 1)), together(entries.filter((_, i) => i % 2 === 1)))
    same(awarenessFrameOf(parts.slice(0, 1)), together(entries.slice(0, 1)))
    same(awarenessFrameOf([]), together([]))
  })
})
