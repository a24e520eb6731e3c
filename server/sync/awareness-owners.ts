import type { Awareness } from 'y-protocols/awareness'
import type { AwarenessClock, AwarenessEntry } from './protocol'

export interface AwarenessPublisher {
  readonly userId: string
}

const NONE: ReadonlySet<number> = new Set()

export type AwarenessVerdict = 'ok' | 'other-user' | 'too-many-ids'

/**
 * Clocks without a state (removals) one connection may leave in the awareness: y-protocols keeps a
 * removal's clock, ~94 B, even for an id it never saw. Honest clients leave a few (their own
 * removal, echoes of others' departures); past this the oldest is forgotten.
 */
export const MAX_TRACES_PER_PUBLISHER = 16

/**
 * Which connection controls which awareness client ids in one room. A connection controls an id
 * once it moves that id's clock forward; a connection of another user may not touch it (else
 * anyone could overwrite or remove someone's presence), and one connection controls a few ids
 * at most (else one socket could flood every peer with states). A removal leaves a clock with no
 * state (a trace), kept on account of the connection that sent it: bounded per connection and
 * forgotten when it leaves.
 */
export class AwarenessOwners<P extends AwarenessPublisher> {
  private readonly owners = new Map<number, P>()
  private readonly byPublisher = new Map<P, Set<number>>()
  private readonly tracers = new Map<number, P>()
  private readonly tracesBy = new Map<P, Set<number>>()

  constructor(
    private readonly awareness: Awareness,
    private readonly maxIdsPerPublisher: number,
  ) {}

  check(publisher: P, entries: readonly AwarenessEntry[]): AwarenessVerdict {
    const mine = this.byPublisher.get(publisher)
    let claimed = mine?.size ?? 0
    for (const entry of entries) {
      if (!this.wouldApply({ clientId: entry.clientId, clock: entry.clock, removal: entry.state === null })) continue
      // Removing an id that has no state changes no one's presence: it leaves a trace, bounded apart.
      if (entry.state === null && !this.awareness.states.has(entry.clientId)) continue
      const owner = this.owners.get(entry.clientId)
      if (owner === publisher) continue
      if (owner && owner.userId !== publisher.userId) return 'other-user'
      // No connection here controls it, yet it has a state: a client of another server node (scale-out).
      if (!owner && !this.freeFor(entry.clientId, publisher.userId)) return 'other-user'
      claimed++
    }
    return claimed > this.maxIdsPerPublisher ? 'too-many-ids' : 'ok'
  }

  /** Whether applying these entries would change nothing: what stock clients echo back for every update they receive. */
  changesNothing(clocks: readonly AwarenessClock[]): boolean {
    return clocks.every((clock) => !this.wouldApply(clock))
  }

  /** Records an applied change; `publisher` is null for the server's own removals (timeouts). */
  record(publisher: P | null, changed: readonly number[], removed: readonly number[]): void {
    if (publisher) for (const id of changed) this.claim(publisher, id)
    for (const id of removed) {
      const owner = this.owners.get(id)
      this.drop(id)
      const tracer = publisher ?? owner
      if (tracer) this.trace(tracer, id)
    }
  }

  /**
   * After `publisher`'s entries were applied: the removals that left a clock with no state and
   * emitted no change (ids this room never had a state for) become its traces too.
   */
  recordRemovals(publisher: P, entries: readonly AwarenessEntry[]): void {
    for (const { clientId, state } of entries) {
      if (state === null && this.awareness.meta.has(clientId) && !this.awareness.states.has(clientId)) this.trace(publisher, clientId)
    }
  }

  /** The publisher that controls this client id, if any. */
  ownerOf(id: number): P | undefined {
    return this.owners.get(id)
  }

  /** The client ids a publisher controls now. */
  idsOf(publisher: P): ReadonlySet<number> {
    return this.byPublisher.get(publisher) ?? NONE
  }

  /**
   * Ids the leaving publisher still controls (a reconnect of the same user may have taken some
   * over); the clocks of its traces are forgotten here.
   */
  release(publisher: P): number[] {
    const ids = [...(this.byPublisher.get(publisher) ?? [])]
    for (const id of ids) this.drop(id)
    this.byPublisher.delete(publisher)
    for (const id of this.tracesBy.get(publisher) ?? []) this.forget(id)
    this.tracesBy.delete(publisher)
    return ids
  }

  private trace(publisher: P, id: number): void {
    // The room's own id (no state, a clock) is never forgotten: y-protocols reads it.
    if (id === this.awareness.clientID) return
    this.untrace(id)
    this.tracers.set(id, publisher)
    let ids = this.tracesBy.get(publisher)
    if (!ids) this.tracesBy.set(publisher, (ids = new Set()))
    ids.add(id)
    if (ids.size > MAX_TRACES_PER_PUBLISHER) this.forget(ids.values().next().value!)
  }

  private untrace(id: number): void {
    const tracer = this.tracers.get(id)
    if (!tracer) return
    this.tracers.delete(id)
    this.tracesBy.get(tracer)?.delete(id)
  }

  /** Drops a trace and its clock, unless the id has a state again. */
  private forget(id: number): void {
    this.untrace(id)
    if (!this.awareness.states.has(id)) this.awareness.meta.delete(id)
  }

  private claim(publisher: P, id: number): void {
    this.untrace(id)
    const previous = this.owners.get(id)
    if (previous === publisher) return
    if (previous) this.byPublisher.get(previous)?.delete(id)
    this.owners.set(id, publisher)
    let ids = this.byPublisher.get(publisher)
    if (!ids) this.byPublisher.set(publisher, (ids = new Set()))
    ids.add(id)
  }

  private drop(id: number): void {
    const owner = this.owners.get(id)
    if (!owner) return
    this.owners.delete(id)
    this.byPublisher.get(owner)?.delete(id)
  }

  private freeFor(id: number, userId: string): boolean {
    const user = (this.awareness.states.get(id) as { user?: unknown } | undefined)?.user
    return typeof user !== 'string' || user === userId
  }

  /** Mirrors y-protocols' applyAwarenessUpdate: newer clock, or a removal at the same clock. */
  private wouldApply({ clientId, clock, removal }: AwarenessClock): boolean {
    const current = this.awareness.meta.get(clientId)?.clock ?? 0
    return current < clock || (current === clock && removal && this.awareness.states.has(clientId))
  }
}
