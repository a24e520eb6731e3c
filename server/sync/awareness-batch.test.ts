import { describe, expect, it } from 'vitest'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { WireFrame } from './ws-frame'
import { AwarenessBatch } from './awareness-batch'
import { decodeMessage } from './protocol'

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
    batch.add(awareness, [1], 'peer-a', 0)
    publish(2, { user: 'b', mic: false })
    batch.add(awareness, [2], 'peer-b', 0)
    expect(batch.isEmpty()).toBe(false)

    const taken = batch.take()
    expect(entries(taken.frameFor('peer-c'))).toEqual([
      { clientId: 1, state: { user: 'a', mic: true } },
      { clientId: 2, state: { user: 'b', mic: false } },
    ])
    expect(entries(taken.frameFor('peer-a'))).toEqual([{ clientId: 2, state: { user: 'b', mic: false } }])
    expect(taken.frameFor('peer-c')).toBe(taken.frameFor('peer-d'))
    expect(taken.receivedAt).toHaveLength(2)
    expect(batch.isEmpty()).toBe(true)
  })

  it('sends nothing to a peer whose own changes are all there is', () => {
    const { awareness, publish } = serverAwareness()
    const batch = new AwarenessBatch<string>()
    publish(1, { user: 'a' })
    batch.add(awareness, [1], 'peer-a', 0)
    expect(batch.take().frameFor('peer-a')).toBeNull()
  })

  it('keeps the latest state of a client that changed twice, and a removal whose clock is then forgotten', () => {
    const { awareness, publish } = serverAwareness()
    const batch = new AwarenessBatch<string>()
    publish(1, { room: 'lobby' })
    batch.add(awareness, [1], 'peer-a', 0)
    publish(1, { room: 'kitchen' })
    batch.add(awareness, [1], 'peer-a', 0)
    publish(2, { room: 'focus' })
    removeAwarenessStates(awareness, [2], null)
    batch.add(awareness, [2], null, 0)
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
})
