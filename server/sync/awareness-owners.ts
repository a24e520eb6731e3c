import type { Awareness } from 'y-protocols/awareness'
import type { AwarenessClock, AwarenessEntry } from './protocol'

export interface AwarenessPublisher {
  readonly userId: string
}

const NONE: ReadonlySet<number> = new Set()

export type AwarenessVerdict = 'ok' | 'other-user' | 'too-many-ids'

/**
 * Which connection controls which awareness client ids in one room. A connection controls an id
 * once it moves that id's clock forward; a connection of another user may not touch it (else
 * anyone could overwrite or remove someone's presence), and one connection controls a few ids
 * at most (else one socket could flood every peer with states).
 */
export class AwarenessOwners<P extends AwarenessPublisher> {
  private readonly owners = new Map<number, P>()
  private readonly byPublisher = new Map<P, Set<number>>()

  constructor(
    private readonly awareness: Awareness,
    private readonly maxIdsPerPublisher: number,
  ) {}

  check(publisher: P, entries: readonly AwarenessEntry[]): AwarenessVerdict {
    const mine = this.byPublisher.get(publisher)
    let claimed = mine?.size ?? 0
    for (const entry of entries) {
      if (!this.wouldApply({ clientId: entry.clientId, clock: entry.clock, removal: entry.state === null })) continue
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
    for (const id of removed) this.drop(id)
  }

  /** The client ids a publisher controls now. */
  idsOf(publisher: P): ReadonlySet<number> {
    return this.byPublisher.get(publisher) ?? NONE
  }

  /** Ids the leaving publisher still controls; a reconnect of the same user may have taken some over. */
  release(publisher: P): number[] {
    const ids = [...(this.byPublisher.get(publisher) ?? [])]
    for (const id of ids) this.drop(id)
    this.byPublisher.delete(publisher)
    return ids
  }

  private claim(publisher: P, id: number): void {
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
