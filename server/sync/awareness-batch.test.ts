import { describe, expect, it } from 'vitest'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { WireFrame } from './ws-frame'
import { AwarenessBatch } from './awareness-batch'
import { encodeAwarenessEntries } from './awareness-entries'
import { decodeMessage, encodeAwareness } from './protocol'

/** The server's copy of the awareness, fed with states the way clients publish them. */
function serverAwareness(): { awareness: Awareness; publish(clientId: number, state: Record<string, unknown>): void } {
  const awareness = new Awareness(new Y.Doc())
  awareness.setLocalState(null)
  return {
    awareness,
    publish(clientId, state) {
      const client = new Awareness(new Y.Doc())
      client.clientID = clientId
      client.meta.set(clientId, { clock: awareness.meta.get(clientId)?.clock ?? 0, lastUpdated: 0 })
      client.setLocalState(state)
      applyAwarenessUpdate(awareness, encodeAwarenessUpdate(client, [clientId]), 'client')
    },
  }
}

function entries(frame: WireFrame | null) {
  if (!frame) return null
  const message = decodeMessage(frame.payload)
  if (message.type !== 'awareness') throw new Error('expected an awareness frame')
  return message.entries.map(({ clientId, state }) => ({ clientId, state }))
}

describe('awareness batch', () => {
  it('sends one frame with every change to peers that published nothing, and each publisher only the others', () => {
    const { awareness, publish } = serverAwareness()
    const batch = new AwarenessBatch<string>()
    publish(1, { user: 'a', mic: true })
    expect(batch.isEmpty()).toBe(true)
    batch.add(awareness, [1], 'peer-a', { at: 0, renewal: false })
    publish(2, { user: 'b', mic: false })
    batch.add(awareness, [2], 'peer-b', { at: 0, renewal: false })
    expect(batch.isEmpty()).toBe(false)

    const taken = batch.take()
    expect(entries(taken.frameFor('peer-c'))).toEqual([
      { clientId: 1, state: { user: 'a', mic: true } },
      { clientId: 2, state: { user: 'b', mic: false } },
    ])
    expect(entries(taken.frameFor('peer-a'))).toEqual([{ clientId: 2, state: { user: 'b', mic: false } }])
    expect(taken.frameFor('peer-c')).toBe(taken.frameFor('peer-d'))
    expect(taken.received).toHaveLength(2)
    expect(batch.isEmpty()).toBe(true)
  })

  it('sends nothing to a peer whose own changes are all there is', () => {
    const { awareness, publish } = serverAwareness()
    const batch = new AwarenessBatch<string>()
    publish(1, { user: 'a' })
    batch.add(awareness, [1], 'peer-a', { at: 0, renewal: false })
    expect(batch.take().frameFor('peer-a')).toBeNull()
  })

  it('keeps the latest state of a client that changed twice, and a removal whose clock is then forgotten', () => {
    const { awareness, publish } = serverAwareness()
    const batch = new AwarenessBatch<string>()
    publish(1, { room: 'lobby' })
    batch.add(awareness, [1], 'peer-a', { at: 0, renewal: false })
    publish(1, { room: 'kitchen' })
    batch.add(awareness, [1], 'peer-a', { at: 0, renewal: false })
    publish(2, { room: 'focus' })
    removeAwarenessStates(awareness, [2], null)
    batch.add(awareness, [2], null, { at: 0, renewal: false })
    awareness.meta.delete(2)

    const frame = batch.take().frameFor('peer-b')
    expect(entries(frame)).toEqual([
      { clientId: 1, state: { room: 'kitchen' } },
      { clientId: 2, state: null },
    ])
    const message = decodeMessage(frame!.payload)
    if (message.type !== 'awareness') throw new Error('expected an awareness frame')
    // A removal goes out at the clock it had, as y-protocols encodes it; clients apply it as a removal.
    expect(message.entries.map((e) => e.clock)).toEqual([2, 1])
  })

  it('gives delta readers one delta per client, merged over the turn, and the standard message for changes that came whole', () => {
    const { awareness, publish } = serverAwareness()
    const batch = new AwarenessBatch<string>()
    publish(1, { user: 'a', room: 'lobby', mic: false })
    const base = awareness.meta.get(1)!.clock
    publish(1, { user: 'a', room: 'lobby', mic: true })
    batch.add(awareness, [1], 'peer-a', { at: 0, renewal: false }, new Map([[1, { clientId: 1, clock: base + 1, steps: 1, changes: [{ key: 'mic', value: true }] }]]))
    publish(1, { user: 'a', room: 'kitchen', mic: true })
    batch.add(awareness, [1], 'peer-a', { at: 0, renewal: false }, new Map([[1, { clientId: 1, clock: base + 2, steps: 1, changes: [{ key: 'room', value: 'kitchen' }] }]]))
    publish(2, { user: 'b', mic: true })
    batch.add(awareness, [2], 'peer-b', { at: 0, renewal: false })

    const taken = batch.take()
    const [whole, delta] = taken.deltaFramesFor('peer-c')
    expect(entries(whole!)).toEqual([{ clientId: 2, state: { user: 'b', mic: true } }])
    const message = decodeMessage(delta!.payload)
    if (message.type !== 'presenceDelta') throw new Error('expected a presence delta')
    expect(message.deltas).toEqual([
      { clientId: 1, clock: base + 2, steps: 2, changes: [{ key: 'mic', value: true }, { key: 'room', value: 'kitchen' }] },
    ])
    // Stock peers get every change whole; a publisher does not get its own.
    expect(entries(taken.frameFor('peer-c'))).toEqual([
      { clientId: 1, state: { user: 'a', room: 'kitchen', mic: true } },
      { clientId: 2, state: { user: 'b', mic: true } },
    ])
    expect(taken.deltaFramesFor('peer-a').map((frame) => decodeMessage(frame.payload).type)).toEqual(['awareness'])
  })

  it('sends a client whole to delta readers once any of its changes of the turn came whole', () => {
    const { awareness, publish } = serverAwareness()
    const batch = new AwarenessBatch<string>()
    publish(1, { user: 'a', mic: false })
    batch.add(awareness, [1], 'peer-a', { at: 0, renewal: false })
    publish(1, { user: 'a', mic: true })
    const clock = awareness.meta.get(1)!.clock
    batch.add(awareness, [1], 'peer-a', { at: 0, renewal: false }, new Map([[1, { clientId: 1, clock, steps: 1, changes: [{ key: 'mic', value: true }] }]]))
    const frames = batch.take().deltaFramesFor('peer-b')
    expect(frames.map((frame) => entries(frame))).toEqual([[{ clientId: 1, state: { user: 'a', mic: true } }]])
  })

  it('gives every peer exactly the bytes of the standard message for its entries: all of them to readers, the others to each publisher', () => {
    const { awareness, publish } = serverAwareness()
    const batch = new AwarenessBatch<string>()
    const publishers = ['peer-a', 'peer-b', 'peer-c']
    for (const [i, peer] of publishers.entries()) {
      publish(i + 1, { user: peer, room: 'lobby' })
      batch.add(awareness, [i + 1], peer, { at: 0, renewal: i === 1 })
    }
    publish(1, { user: 'peer-a', room: 'kitchen' })
    batch.add(awareness, [1], 'peer-a', { at: 0, renewal: false })
    const entryOf = (clientId: number) => ({ clientId, clock: awareness.meta.get(clientId)!.clock, state: awareness.states.get(clientId)! })
    const standard = (clientIds: number[]) => new Uint8Array(encodeAwareness(encodeAwarenessEntries(clientIds.map(entryOf))))
    const frameBytes = (frame: WireFrame | null) => frame && new Uint8Array(frame.payload)

    const taken = batch.take()
    expect(frameBytes(taken.frameFor('reader'))).toEqual(standard([1, 2, 3]))
    expect(frameBytes(taken.frameFor('peer-a'))).toEqual(standard([2, 3]))
    expect(frameBytes(taken.frameFor('peer-b'))).toEqual(standard([1, 3]))
    expect(frameBytes(taken.frameFor('peer-c'))).toEqual(standard([1, 2]))
    expect(taken.deltaFramesFor('peer-b').map(frameBytes)).toEqual([standard([1, 3])])
    expect(taken.deltaFramesFor('reader').map(frameBytes)).toEqual([standard([1, 2, 3])])
  })
})
