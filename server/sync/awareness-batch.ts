import type { Awareness } from 'y-protocols/awareness'
import { encodePresenceDeltas, type FieldChange, type PresenceDelta } from '../../shared/contract/presence-delta'
import { awarenessFrameOf, encodeAwarenessEntry } from './awareness-entries'
import type { AwarenessEntry } from './protocol'
import { WireFrame } from './ws-frame'

/** What a batched entry changed since the clock a peer holds: null when only the whole state tells. */
type EntryDelta = { steps: number; changes: FieldChange[] } | null

/** When a change was received, and whether it only renewed a state (held longer, see AwarenessPacer). */
export interface Received {
  at: number
  renewal: boolean
}

interface Batched<P> {
  entry: AwarenessEntry
  from: P | null
  delta: EntryDelta
  /** Only renewals of this client so far: its state is the one peers hold, at an older clock. */
  renewal: boolean
}

/**
 * Awareness changes waiting to go out together, as one frame per peer. Under load a peer gets a
 * message per event-loop turn instead of one per change, and a stock y-websocket client, which
 * echoes every awareness message it receives, echoes one back instead of one per change.
 *
 * Entries are captured when they change (a removal's clock may be forgotten before the flush);
 * a client that changes twice in one turn is sent once, with its latest state. A change that
 * came as a presence delta goes to peers that read deltas as one (merged with the client's other
 * deltas of the turn, so it still builds on the clock those peers hold); everything else goes
 * whole, as the standard awareness message.
 */
export class AwarenessBatch<P> {
  private entries = new Map<number, Batched<P>>()
  private received: Received[] = []

  add(awareness: Awareness, clientIds: readonly number[], from: P | null, received: Received, deltas?: ReadonlyMap<number, PresenceDelta>): void {
    for (const clientId of clientIds) {
      const clock = awareness.meta.get(clientId)?.clock ?? 0
      const state = awareness.states.get(clientId) ?? null
      const previous = this.entries.get(clientId)
      const delta = state === null ? null : mergeDelta(previous, deltas?.get(clientId))
      const renewal = received.renewal && (previous?.renewal ?? true)
      this.entries.set(clientId, { entry: { clientId, clock, state }, from, delta, renewal })
    }
    this.received.push(received)
  }

  /** Whether a renewal of one of these clients is waiting here. */
  holdsRenewalOf(clientIds: readonly number[]): boolean {
    return clientIds.some((clientId) => this.entries.get(clientId)?.renewal === true)
  }

  /** When the oldest renewal waiting here was received; null when none is. */
  oldestRenewalAt(): number | null {
    return this.received.find((received) => received.renewal)?.at ?? null
  }

  isEmpty(): boolean {
    return this.entries.size === 0
  }

  /**
   * Empties the batch. Each peer gets every entry except those it published itself: `frameFor`
   * as the standard awareness message, `deltaFramesFor` (peers that read deltas) as at most one
   * standard message with the whole states and one presence delta message.
   */
  take(): { frameFor(peer: P): WireFrame | null; deltaFramesFor(peer: P): WireFrame[]; received: Received[] } {
    const entries = [...this.entries.values()]
    const received = this.received
    this.entries = new Map()
    this.received = []
    const publishers = new Set(entries.map((e) => e.from))
    // Each state is encoded once; a publisher's frame leaves its own entries out of those bytes.
    let parts: Map<Batched<P>, Uint8Array> | null = null
    const partsOf = (batched: readonly Batched<P>[]) => {
      parts ??= new Map(entries.map((e) => [e, encodeAwarenessEntry(e.entry)]))
      return batched.map((b) => parts!.get(b)!)
    }
    let shared: WireFrame | null = null
    let sharedDeltaFrames: WireFrame[] | null = null
    const forPeer = (peer: P) => entries.filter((e) => e.from !== peer)
    return {
      received,
      frameFor(peer) {
        if (!publishers.has(peer)) return (shared ??= awarenessFrameOf(partsOf(entries)))
        const others = forPeer(peer)
        return others.length > 0 ? awarenessFrameOf(partsOf(others)) : null
      },
      deltaFramesFor(peer) {
        if (!publishers.has(peer)) return (sharedDeltaFrames ??= deltaFrames(entries, partsOf))
        return deltaFrames(forPeer(peer), partsOf)
      },
    }
  }
}

function mergeDelta<P>(previous: Batched<P> | undefined, next: PresenceDelta | undefined): EntryDelta {
  if (!next) return null
  if (!previous) return { steps: next.steps, changes: next.changes }
  if (!previous.delta) return null
  const byKey = new Map(previous.delta.changes.map((change) => [change.key, change]))
  for (const change of next.changes) byKey.set(change.key, change)
  return { steps: previous.delta.steps + next.steps, changes: [...byKey.values()] }
}

function deltaFrames<P>(batched: readonly Batched<P>[], partsOf: (batched: readonly Batched<P>[]) => Uint8Array[]): WireFrame[] {
  const whole = batched.filter((b) => b.delta === null)
  const deltas = batched.flatMap(({ entry, delta }) => (delta ? [{ clientId: entry.clientId, clock: entry.clock, ...delta }] : []))
  const frames: WireFrame[] = []
  if (whole.length > 0) frames.push(awarenessFrameOf(partsOf(whole)))
  if (deltas.length > 0) frames.push(new WireFrame(encodePresenceDeltas(deltas)))
  return frames
}
