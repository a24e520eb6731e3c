import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { Metrics } from '../observe/metrics'
import { AwarenessPacer } from './awareness-pacer'
import { LivePresence } from './live-presence'
import type { Peer } from './peer'
import { decodeMessage } from './protocol'
import type { WireFrame } from './ws-frame'

const ARRIVAL_HOLD_MS = 100

/** A peer of the document that keeps the awareness entries of every frame it is sent. */
function peer(id: number): Peer & { frames: Array<Array<{ clientId: number; clock: number }>> } {
  const frames: Array<Array<{ clientId: number; clock: number }>> = []
  return {
    id,
    userId: `user-${id}`,
    readsPresenceDeltas: false,
    readsReadMarkers: false,
    joinedAt: performance.now(),
    frames,
    send(frame: WireFrame) {
      const message = decodeMessage(frame.payload)
      if (message.type === 'awareness') frames.push(message.entries.map(({ clientId, clock }) => ({ clientId, clock })))
    },
    close() {},
  }
}

function office(members: number) {
  const peers = Array.from({ length: members }, (_, i) => peer(i + 1))
  const joined = new Set<Peer>(peers)
  const presence = new LivePresence(new Y.Doc(), joined, { metrics: new Metrics(), maxAwarenessIdsPerPeer: 4, awarenessPacer: new AwarenessPacer(1, 5000, ARRIVAL_HOLD_MS) })
  /** Peer i announces its state (client id 100 + i) at `clock`. */
  const announce = (i: number, clock = 1) => presence.applyAwareness(peers[i]!, [{ clientId: 100 + i, clock, state: { user: `user-${i + 1}`, room: 'lobby' } }], performance.now())
  /** A new peer joins (as LiveDoc.join does: one of the room's peers, then the snapshot). */
  const join = (id: number) => {
    const joiner = peer(id)
    const snapshots: WireFrame[] = []
    joined.add(joiner)
    presence.sendAwarenessStates({ ...joiner, send: (frame) => (snapshots.push(frame), joiner.send(frame)) })
    return { joiner, snapshot: snapshots[0] }
  }
  return { peers, presence, announce, join }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('arrivals in a document (LivePresence with the server pacer, fake clock)', () => {
  it('a member who arrives alone reaches the others in a frame of its own, at once', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate', 'performance'] })
    const { peers, announce } = office(3)
    announce(0)
    expect(peers[1]!.frames).toEqual([[{ clientId: 100, clock: 1 }]])
    expect(peers[2]!.frames).toEqual([[{ clientId: 100, clock: 1 }]])
    expect(peers[0]!.frames).toEqual([])
  })

  it('a member connected for a while who publishes a first state is not arriving: it goes at once, even right after an arrival', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate', 'performance'] })
    const { peers, announce } = office(3)
    await vi.advanceTimersByTimeAsync(5000)
    const late = office(3)
    late.announce(0)
    await vi.advanceTimersByTimeAsync(10)
    // Peers of the first office joined 5 s ago: their first states are changes.
    announce(0)
    await vi.advanceTimersByTimeAsync(10)
    announce(1)
    expect(peers[2]!.frames).toEqual([[{ clientId: 100, clock: 1 }], [{ clientId: 101, clock: 1 }]])
    // In the office whose peers just joined, the second arrival waits.
    late.announce(1)
    expect(late.peers[2]!.frames).toEqual([[{ clientId: 100, clock: 1 }]])
  })

  it('a reconnect wave: ten arrivals 10 ms apart cost each watcher two frames (the first, then the other nine together when the hold ends), and every state arrives', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate', 'performance'] })
    const { peers, announce } = office(11)
    for (let i = 0; i < 10; i++) {
      if (i > 0) await vi.advanceTimersByTimeAsync(10)
      announce(i)
    }
    const watcher = peers[10]!
    await vi.advanceTimersByTimeAsync(ARRIVAL_HOLD_MS - 90 - 1)
    expect(watcher.frames.length).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(watcher.frames.length).toBe(2)
    expect(watcher.frames.flat().map(({ clientId }) => clientId).sort()).toEqual(Array.from({ length: 10 }, (_, i) => 100 + i))
    // Each arriving member gets the others' states, never its own.
    for (let i = 0; i < 10; i++) expect(peers[i]!.frames.flat().some(({ clientId }) => clientId === 100 + i)).toBe(false)
  })

  it('a visible change (a walk) during the hold goes at once and carries the held arrivals with it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate', 'performance'] })
    const { peers, presence, announce } = office(4)
    announce(0)
    await vi.advanceTimersByTimeAsync(10)
    announce(1)
    await vi.advanceTimersByTimeAsync(10)
    presence.applyAwareness(peers[0]!, [{ clientId: 100, clock: 2, state: { user: 'user-1', room: 'kitchen' } }], performance.now())
    expect(peers[3]!.frames).toEqual([[{ clientId: 100, clock: 1 }], [{ clientId: 101, clock: 1 }, { clientId: 100, clock: 2 }]])
  })

  it('joiners while arrivals are held share one snapshot, and the snapshot plus the batch that follows gives each every state', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate', 'performance'] })
    const { announce, join } = office(4)
    announce(0)
    await vi.advanceTimersByTimeAsync(10)
    announce(1)
    const first = join(50)
    announce(2)
    announce(3)
    const second = join(51)
    // Built once, for the first joiner, though two states changed after it; kept, so framed in a buffer of its own.
    expect(second.snapshot).toBe(first.snapshot)
    expect(first.snapshot!.bytes.buffer.byteLength).toBe(first.snapshot!.bytes.byteLength)
    expect(first.joiner.frames.flat().map(({ clientId }) => clientId)).toEqual([100, 101])
    await vi.advanceTimersByTimeAsync(ARRIVAL_HOLD_MS)
    for (const { joiner } of [first, second]) expect(new Set(joiner.frames.flat().map(({ clientId }) => clientId))).toEqual(new Set([100, 101, 102, 103]))
    // Once the batch went out, the next joiner's snapshot is built anew, with every state.
    const third = join(52)
    expect(third.snapshot).not.toBe(first.snapshot)
    expect(third.joiner.frames.flat().map(({ clientId }) => clientId)).toEqual([100, 101, 102, 103])
  })
})
