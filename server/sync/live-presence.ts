import { Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { encodeAwarenessEntries } from '../../shared/contract/awareness-update'
import { applyPresenceChanges, type PresenceDelta } from '../../shared/contract/presence-delta'
import type { Metrics } from '../observe/metrics'
import { applyAwarenessEntries } from './awareness-apply'
import { AwarenessBatch } from './awareness-batch'
import type { AwarenessChange } from './awareness-entries'
import { AwarenessOwners, type AwarenessVerdict } from './awareness-owners'
import type { AwarenessPacer, PacedRoom } from './awareness-pacer'
import { DrainLeave, HeldLeaves } from './drain-leaves'
import { encodeAwareness, peekAwarenessClocks, encodeQueryAwareness, type AwarenessEntry } from './protocol'
import type { Peer } from './peer'
import { WireFrame } from './ws-frame'

/** A clock this room holds (its state, null once removed) and the peer that controls it: what a live hand-over carries. */
export type HeldState = { clientId: number; clock: number; state: unknown; owner: Peer | null }

/** States a live hand-over brought, applied for their owner: the peers hold them already. */
class HandedOver {
  constructor(readonly owner: Peer | null) {}
}

/**
 * A new state from a connection admitted this recently is its member arriving (the core and
 * y-websocket's provider send theirs as they open, so it is read within milliseconds, or a few
 * hundred in a reconnect wave's busiest second), held with the document's other arrivals
 * (AwarenessPacer.arrived). A member connected for longer who publishes a first state is a change
 * like any other, sent at once (the floor bench's members, silent until they write, are such).
 */
const JOIN_ANNOUNCE_MS = 1000

export interface PresenceDeps {
  metrics: Metrics
  /** Awareness client ids one connection may control (a client uses one). */
  maxAwarenessIdsPerPeer: number
  /** Shared by every room of the server: when awareness batches go out. */
  awarenessPacer: AwarenessPacer
}

/**
 * The presence (awareness) of one loaded document: which connection controls which client ids,
 * what each sent, and the batch that carries changes to the document's peers when the pacer says.
 */
export class LivePresence implements PacedRoom {
  readonly awareness: Awareness
  private readonly owners: AwarenessOwners<Peer>
  private readonly batch = new AwarenessBatch<Peer>()
  private destroyed = false
  /** performance.now() of the frame being applied, for the fan-out histogram. */
  private applyingSince: number | null = null
  /** The presence deltas being applied, by client id, for the batch to pass on as deltas. */
  private applyingDeltas: ReadonlyMap<number, PresenceDelta> | undefined
  /** y-protocols emits 'change' just before 'update' when a state changed; without it the update only renews. */
  private changeVisible = false
  /**
   * Every state, framed, for joiners. A joiner is one of the peers the next batch goes to, so the
   * snapshot plus the batch is what the room holds: it stays valid until a batch goes out (or a
   * change that goes to no peer). A reconnect wave brings a team's members back within a few
   * seconds, their arrivals held together (AwarenessPacer.arrived); dropped on every change, each
   * joiner encoded all the others' states afresh (a fifth of a restarted node's CPU at 2,000 members).
   */
  private snapshot: WireFrame | null = null
  /** Other nodes' drained members, still drawn by this node's peers until they are back. */
  private readonly heldLeaves = new HeldLeaves((removals) => this.removeNotBack(removals))

  constructor(
    doc: Y.Doc,
    private readonly peers: ReadonlySet<Peer>,
    private readonly deps: PresenceDeps,
  ) {
    this.awareness = new Awareness(doc)
    this.awareness.setLocalState(null)
    this.owners = new AwarenessOwners(this.awareness, deps.maxAwarenessIdsPerPeer)
    this.awareness.on('change', () => (this.changeVisible = true))
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.onUpdate(change, origin))
  }

  /**
   * The peer left the document: the states it controlled go. `drainHoldMs` set (the drain cut it
   * and it is coming back within that long): their removal goes to no peer of this node, who are
   * all being cut too, and the other nodes hear of it as a drain's (DrainLeave).
   */
  release(peer: Peer, drainHoldMs: number | null = null): void {
    const ids = this.owners.release(peer)
    if (ids.length === 0 || this.destroyed) return
    removeAwarenessStates(this.awareness, ids, drainHoldMs === null ? peer : new DrainLeave(drainHoldMs, false))
    // Forget their clocks too: a socket cycling through random client ids must not grow this map.
    for (const id of ids) this.awareness.meta.delete(id)
  }

  /**
   * Another node's drain cut these members (removals, as that node published them): they leave
   * this node's presence without a word to its peers, who keep drawing them where they were. Their
   * clocks are forgotten, so the state each brings back, at the clock the peers hold, is taken as
   * new here and changes nothing there. Whoever is not back after `holdMs` is removed for the peers then.
   */
  applyNodeDrainLeaves(removals: readonly AwarenessEntry[], holdMs: number): void {
    if (this.destroyed) return
    const { states, meta } = this.awareness
    // y-protocols removes at the clock of the state removed (the removal moves only its own client's clock).
    const shown = removals.filter(({ clientId, clock }) => states.has(clientId) && (meta.get(clientId)?.clock ?? 0) <= clock)
    applyAwarenessEntries(this.awareness, shown, new DrainLeave(holdMs, true))
    for (const { clientId, clock } of shown) {
      meta.delete(clientId)
      this.heldLeaves.hold(clientId, clock, holdMs)
    }
  }

  /** Every clock this room holds, with its state and the peer controlling it (a live hand-over's side of the old process). */
  heldStates(): HeldState[] {
    const { states, meta } = this.awareness
    const held: HeldState[] = []
    for (const [clientId, { clock }] of meta) {
      if (clientId === this.awareness.clientID) continue
      held.push({ clientId, clock, state: states.get(clientId) ?? null, owner: this.owners.ownerOf(clientId) ?? null })
    }
    return held
  }

  /**
   * The successor's side: the states a hand-over brought, each owned by the peer that controlled
   * it before. Nothing is sent: every peer of the room shows them already.
   */
  adoptStates(held: readonly HeldState[]): void {
    const byOwner = new Map<Peer | null, AwarenessEntry[]>()
    for (const { clientId, clock, state, owner } of held) {
      let entries = byOwner.get(owner)
      if (!entries) byOwner.set(owner, (entries = []))
      entries.push({ clientId, clock, state })
    }
    for (const [owner, entries] of byOwner) applyAwarenessEntries(this.awareness, entries, new HandedOver(owner))
  }

  /** The room a peer is in, from the presence states its own connection controls. */
  roomOf(peer: Peer): string | null {
    for (const id of this.owners.idsOf(peer)) {
      const room = roomIn(this.awareness.states.get(id))
      if (room !== null) return room
    }
    return null
  }

  occupied(roomId: string): boolean {
    for (const state of this.awareness.states.values()) if (roomIn(state) === roomId) return true
    return false
  }

  /**
   * Sorts a frame before it is decoded. 'echo': awareness this room already has, nothing to parse,
   * apply, check or refuse. 'too-many-ids': awareness naming more clients than this room knows
   * plus those one connection may control; no honest frame does (an echo names clients the room
   * sent, a client its own id), and decoding one costs work per entry, so it is dropped unread.
   */
  screen(frame: Uint8Array): 'decode' | 'echo' | 'too-many-ids' {
    const clocks = peekAwarenessClocks(frame, this.awareness.meta.size + this.deps.maxAwarenessIdsPerPeer)
    if (clocks === 'too-many') return 'too-many-ids'
    return clocks !== null && this.owners.changesNothing(clocks) ? 'echo' : 'decode'
  }

  /**
   * The whole states presence deltas lead to, each built on the state this room holds at the
   * clock the delta names; null if the room holds another clock or no state for one of them.
   */
  expandDeltas(deltas: readonly PresenceDelta[]): AwarenessEntry[] | null {
    const entries: AwarenessEntry[] = []
    for (const { clientId, clock, steps, changes } of deltas) {
      const base = this.awareness.states.get(clientId) as unknown
      if (typeof base !== 'object' || base === null || Array.isArray(base)) return null
      if (this.awareness.meta.get(clientId)?.clock !== clock - steps) return null
      entries.push({ clientId, clock, state: applyPresenceChanges(base as Record<string, unknown>, changes) })
    }
    return entries
  }

  /** A delta this room cannot build on: the client's core answers by sending its whole state. */
  askForPresence(peer: Peer): void {
    peer.send(new WireFrame(encodeQueryAwareness()))
  }

  /** Applies entries a peer sent (`deltas`: as presence deltas, which the batch passes on as such). */
  applyAwareness(peer: Peer, entries: readonly AwarenessEntry[], receivedAt: number, deltas?: readonly PresenceDelta[]): AwarenessVerdict {
    const verdict = this.owners.check(peer, entries)
    if (verdict !== 'ok') return verdict
    this.applyingSince = receivedAt
    this.applyingDeltas = deltas && new Map(deltas.map((delta) => [delta.clientId, delta]))
    try {
      applyAwarenessEntries(this.awareness, entries, peer)
    } finally {
      this.applyingSince = null
      this.applyingDeltas = undefined
    }
    this.owners.recordRemovals(peer, entries)
    return verdict
  }

  /**
   * Applies awareness another server node accepted (scale-out), as `origin`, from the entries its
   * stream entry was decoded to when it was checked; `deltas`: it came as presence deltas, which
   * the batch passes on as such to peers that read them.
   */
  applyNodeAwareness(entries: readonly AwarenessEntry[], origin: symbol, deltas?: readonly PresenceDelta[]): void {
    this.applyingDeltas = deltas && new Map(deltas.map((delta) => [delta.clientId, delta]))
    try {
      applyAwarenessEntries(this.awareness, entries, origin)
    } finally {
      this.applyingDeltas = undefined
    }
  }

  sendAwarenessStates(peer: Peer): void {
    const states = this.awareness.getStates()
    if (states.size > 0) peer.send((this.snapshot ??= WireFrame.kept(encodeAwareness(encodeAwarenessUpdate(this.awareness, [...states.keys()])))))
  }

  /** A frame was read for some document of this server: held awareness may be due. */
  pace(now: number): void {
    this.deps.awarenessPacer.tick(now)
  }

  heldRenewalSince(): number | null {
    return this.batch.oldestRenewalAt()
  }

  /** Sends what the batch holds: one frame per peer (the pacer decides when). */
  flushAwareness(): void {
    if (this.batch.isEmpty()) return
    this.snapshot = null
    const batch = this.batch.take()
    if (this.destroyed) return
    for (const peer of this.peers) {
      if (peer.readsPresenceDeltas) {
        for (const frame of batch.deltaFramesFor(peer)) peer.send(frame)
        continue
      }
      const frame = batch.frameFor(peer)
      if (frame) peer.send(frame)
    }
    const now = performance.now()
    for (const { at, renewal } of batch.received) this.deps.metrics.fanout.observe(renewal ? 'renewal' : 'awareness', (now - at) / 1000)
  }

  destroy(): void {
    this.destroyed = true
    this.heldLeaves.stop()
    this.awareness.destroy()
  }

  /** Held members whose hold is over: those not back (no clock here) are removed for the peers, at the clock their node named. */
  private removeNotBack(removals: readonly AwarenessEntry[]): void {
    const gone = removals.filter(({ clientId }) => !this.awareness.meta.has(clientId))
    if (gone.length === 0 || this.destroyed) return
    const frame = new WireFrame(encodeAwareness(encodeAwarenessEntries(gone)))
    for (const peer of this.peers) peer.send(frame)
  }

  private onUpdate({ added, updated, removed }: AwarenessChange, origin: unknown): void {
    // Every change to a state or its clock comes through here (y-protocols emits 'update' for each).
    const renewal = !this.changeVisible
    this.changeVisible = false
    if (this.destroyed) return
    if (origin instanceof HandedOver) {
      this.owners.record(origin.owner, [...added, ...updated], removed)
      this.snapshot = null
      return
    }
    const from = this.peers.has(origin as Peer) ? (origin as Peer) : null
    // Clients echo states they receive, with the clock unchanged (no event): only a state a
    // connection moved forward is one it controls.
    this.owners.record(from, [...added, ...updated], removed)
    if (origin instanceof DrainLeave) {
      // Goes to no peer: joiners from now on must not get the state from the snapshot.
      this.snapshot = null
      return
    }
    const changed = [...added, ...updated, ...removed]
    const receivedAt = this.applyingSince ?? performance.now()
    // A delta builds on the clock delta readers hold: a renewal still waiting here would come
    // between, and both would have to go whole. It goes now, and the delta after it.
    if (this.applyingDeltas && this.batch.holdsRenewalOf(changed)) this.flushAwareness()
    this.batch.add(this.awareness, changed, from, { at: receivedAt, renewal }, this.applyingDeltas)
    if (renewal) this.deps.awarenessPacer.renewed(this)
    else if (updated.length === 0 && removed.length === 0 && from !== null && receivedAt - from.joinedAt < JOIN_ANNOUNCE_MS) this.deps.awarenessPacer.arrived(this, receivedAt)
    else this.deps.awarenessPacer.changed(this, receivedAt)
  }
}

function roomIn(state: unknown): string | null {
  const room = typeof state === 'object' && state !== null ? (state as { room?: unknown }).room : null
  return typeof room === 'string' ? room : null
}
