import { PRESENCE_KEYS, decodePresenceDeltas, diffPresence, encodePresenceDeltas, type FieldChange, type JsonValue, type PresenceDelta } from '../../shared/contract/presence-delta'
import type { AwarenessEntry } from '../sync/protocol'
import { MAX_DELTA_BYTES, MAX_DELTAS_PER_ENTRY } from './stream-entry'

/** What this node last published for one of its clients: the base the other nodes hold. */
interface Published {
  clock: number
  state: Readonly<Record<string, unknown>>
}

export interface OutgoingPresence {
  /** States that go whole (first sight, removals, anything a delta cannot carry). */
  whole: AwarenessEntry[]
  /** Deltas on what was last published, at most MAX_DELTAS_PER_ENTRY per group (one stream entry each). */
  deltaGroups: PresenceDelta[][]
}

/**
 * Turns a node's own clients' awareness changes into what goes on Redis: only the fields that
 * changed since the state this node last published for the client (with the clock it builds on,
 * so a reader that missed that state notices), or the whole state where there is no such base.
 * Stock clients send whole states; they still travel between nodes as deltas.
 */
export class PresenceOutbox {
  private readonly published = new Map<number, Published>()

  /** `deltas` false: everything goes whole, as before deltas (for clusters with nodes that predate them). */
  constructor(private readonly deltas: boolean) {}

  take(entries: readonly AwarenessEntry[]): OutgoingPresence {
    const whole: AwarenessEntry[] = []
    const deltas: PresenceDelta[] = []
    for (const entry of entries) {
      const delta = this.deltaFor(entry)
      if (delta) deltas.push(delta)
      else whole.push(entry)
      this.remember(entry)
    }
    const deltaGroups: PresenceDelta[][] = []
    for (let i = 0; i < deltas.length; i += MAX_DELTAS_PER_ENTRY) deltaGroups.push(deltas.slice(i, i + MAX_DELTAS_PER_ENTRY))
    return { whole, deltaGroups }
  }

  /** Whole states published outside `take` (an answer to a query): they are the base from now on. */
  sentWhole(entries: readonly AwarenessEntry[]): void {
    for (const entry of entries) this.remember(entry)
  }

  /** The client now lives on another node, which publishes it from there. */
  forget(clientId: number): void {
    this.published.delete(clientId)
  }

  private remember({ clientId, clock, state }: AwarenessEntry): void {
    if (isRecord(state)) this.published.set(clientId, { clock, state })
    else this.published.delete(clientId)
  }

  private deltaFor({ clientId, clock, state }: AwarenessEntry): PresenceDelta | null {
    const base = this.published.get(clientId)
    if (!this.deltas || !base || clock <= base.clock || !isRecord(state)) return null
    const changes = diffPresence(base.state, state)
    if (changes === null) return null
    const delta: PresenceDelta = { clientId, clock, steps: clock - base.clock, changes: changes.length > 0 ? changes : renewal(state) }
    if (delta.changes.length === 0) return null
    // What a reader cannot decode (a value nested deeper than deltas allow) or should not hold goes whole.
    const encoded = encodePresenceDeltas([delta])
    return encoded.byteLength <= MAX_DELTA_BYTES && decodePresenceDeltas(encoded).ok ? delta : null
  }
}

/**
 * A renewal (same state, clock moved on: stock clients send one every 15 s, and a node's
 * awareness drops states not renewed within 30 s) sets one field to the value it has: a delta
 * needs at least one change. A field the wire numbers (the mic, in a core's state) is the shortest.
 */
function renewal(state: Readonly<Record<string, unknown>>): FieldChange[] {
  const key = PRESENCE_KEYS.find((name) => Object.hasOwn(state, name)) ?? Object.keys(state).find((name) => name !== '__proto__')
  return key === undefined ? [] : [{ key, value: state[key] as JsonValue }]
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
