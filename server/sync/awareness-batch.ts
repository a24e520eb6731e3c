import type { Awareness } from 'y-protocols/awareness'
import { encodeAwarenessEntries } from './awareness-entries'
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
        if (!publishers.has(peer)) return (shared ??= awarenessFrame(entries.map((e) => e.entry)))
        const others = entries.filter((e) => e.from !== peer).map((e) => e.entry)
        return others.length > 0 ? awarenessFrame(others) : null
      },
    }
  }
}

/** A y-websocket awareness message carrying these entries. */
function awarenessFrame(entries: readonly AwarenessEntry[]): WireFrame {
  return new WireFrame(encodeAwareness(encodeAwarenessEntries(entries)))
}
