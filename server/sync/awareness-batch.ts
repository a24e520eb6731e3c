import * as encoding from 'lib0/encoding'
import type { Awareness } from 'y-protocols/awareness'
import { encodeAwareness, type AwarenessEntry } from './protocol'
import { WireFrame } from './ws-frame'

/**
 * Awareness changes waiting to go out together, as one frame per peer. Under load a peer gets a
 * message per event-loop turn instead of one per change, and a stock y-websocket client, which
 * echoes every awareness message it receives, echoes one back instead of one per change.
 *
 * Entries are captured when they change (a removal's clock may be forgotten before the flush);
 * a client that changes twice in one turn is sent once, with its latest state.
 */
export class AwarenessBatch<P> {
  private entries = new Map<number, { entry: AwarenessEntry; from: P | null }>()
  private receivedAt: number[] = []

  add(awareness: Awareness, clientIds: readonly number[], from: P | null, receivedAt: number): void {
    for (const clientId of clientIds) {
      const clock = awareness.meta.get(clientId)?.clock ?? 0
      this.entries.set(clientId, { entry: { clientId, clock, state: awareness.states.get(clientId) ?? null }, from })
    }
    this.receivedAt.push(receivedAt)
  }

  isEmpty(): boolean {
    return this.entries.size === 0
  }

  /** Empties the batch. Each peer gets every entry except those it published itself. */
  take(): { frameFor(peer: P): WireFrame | null; receivedAt: number[] } {
    const entries = [...this.entries.values()]
    const receivedAt = this.receivedAt
    this.entries = new Map()
    this.receivedAt = []
    const publishers = new Set(entries.map((e) => e.from))
    let shared: WireFrame | null = null
    return {
      receivedAt,
      frameFor(peer) {
        if (!publishers.has(peer)) return (shared ??= encodeEntries(entries.map((e) => e.entry)))
        const others = entries.filter((e) => e.from !== peer).map((e) => e.entry)
        return others.length > 0 ? encodeEntries(others) : null
      },
    }
  }
}

/** A y-websocket awareness message, laid out as y-protocols' encodeAwarenessUpdate does. */
function encodeEntries(entries: readonly AwarenessEntry[]): WireFrame {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, JSON.stringify(state))
  }
  return new WireFrame(encodeAwareness(encoding.toUint8Array(encoder)))
}
