import { CloseCode } from '../../shared/contract/close-codes'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { Role } from '../../shared/model/schema'
import type { RuleVerdict, Writer } from '../../shared/model/write-rules'
import { applyPresenceChanges, type PresenceDelta } from '../../shared/contract/presence-delta'
import { migrate } from '../../shared/model/migrations'
import { TeamDoc } from '../../shared/model/team-doc'
import { readMessage } from '../../shared/model/discussion'
import type { Post } from '../../shared/model/room-activity'
import type { Metrics } from '../observe/metrics'
import type { Logger } from '../observe/log'
import type { DocStore } from '../store/doc-store'
import { applyAwarenessEntries } from './awareness-apply'
import { AwarenessBatch } from './awareness-batch'
import type { AwarenessChange } from './awareness-entries'
import { AwarenessOwners, type AwarenessVerdict } from './awareness-owners'
import type { AwarenessPacer } from './awareness-pacer'
import { MalformedMessage, encodeAwareness, peekAwarenessClocks, encodeQueryAwareness, encodeUpdate, type AwarenessEntry, type DecodedUpdate } from './protocol'
import { checkUpdate, rulesFor, type DocRules } from './rule-check'
import type { Peer } from './peer'
import { ReadMarkerRelay } from './read-marker-relay'
import { SyncAnswers } from './sync-answers'
import { wouldChange } from './write-check'
import { WireFrame } from './ws-frame'

/** A connection as a document room sees it. */
export interface RoomDeps {
  store: DocStore
  log: Logger
  metrics: Metrics
  /** Encoded document size past which writes are refused. */
  maxDocBytes: number
  /** Awareness client ids one connection may control (a client uses one). */
  maxAwarenessIdsPerPeer: number
  /** Shared by every room of the server: when awareness batches go out. */
  awarenessPacer: AwarenessPacer
  /** The store refused a write: the room must be dropped so the next load comes from disk. */
  onBroken(room: LiveDoc): void
  /** A discussion accepted messages from a connection (never what came from the store or another node). */
  onPosted?(room: LiveDoc, posts: Post[]): void
}

/** Origin of changes that came from the store: broadcast them, never write them back. */
const FROM_STORE = Symbol('from-store')

/**
 * One loaded document: its Y.Doc, its awareness and the connections on it. Every document change
 * is written to the store first and only then sent to peers, in the order it was applied.
 */
export class LiveDoc {
  readonly doc = new Y.Doc()
  private readonly answers = new SyncAnswers(this.doc)
  readonly awareness: Awareness
  readonly peers = new Set<Peer>()
  /** Read markers raised by this document's members, to their own other connections (team documents). */
  readonly readMarkers = new ReadMarkerRelay(this.peers)
  private readonly rules: DocRules
  private readonly owners: AwarenessOwners<Peer>
  private readonly awarenessBatch = new AwarenessBatch<Peer>()
  private tail: Promise<void> = Promise.resolve()
  private broken = false
  private destroyed = false
  /** An upper bound on the encoded size (the sum of what was applied); made exact near the cap. */
  private sizeBound: number
  /** performance.now() of the frame being applied, for the fan-out histogram. */
  private applyingSince: number | null = null
  /** The presence deltas being applied, by client id, for the batch to pass on as deltas. */
  private applyingDeltas: ReadonlyMap<number, PresenceDelta> | undefined
  /** y-protocols emits 'change' just before 'update' when a state changed; without it the update only renews. */
  private awarenessChangeVisible = false

  constructor(
    readonly name: string,
    private readonly deps: RoomDeps,
    stored: readonly Uint8Array[],
  ) {
    this.rules = rulesFor(name)
    Y.transact(this.doc, () => stored.forEach((update) => Y.applyUpdate(this.doc, update)), FROM_STORE)
    this.sizeBound = stored.reduce((sum, update) => sum + update.byteLength, 0)
    this.awareness = new Awareness(this.doc)
    this.awareness.setLocalState(null)
    this.owners = new AwarenessOwners(this.awareness, deps.maxAwarenessIdsPerPeer)
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin))
    this.awareness.on('change', () => (this.awarenessChangeVisible = true))
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.onAwarenessUpdate(change, origin))
    if (this.rules === 'discussion') this.doc.getArray('messages').observe((event) => this.onMessages(event))
  }

  /** Posts a connection made: the write rules already held each to its author. */
  private onMessages(event: Y.YArrayEvent<unknown>): void {
    if (!this.peers.has(event.transaction.origin as Peer)) return
    const posts: Post[] = []
    for (const item of event.changes.added) {
      for (const value of item.content.getContent()) {
        const message = value instanceof Y.Map ? readMessage(value as Y.Map<unknown>) : null
        if (message) posts.push({ author: message.author, mentions: message.mentions })
      }
    }
    if (posts.length > 0) this.deps.onPosted?.(this, posts)
  }

  join(peer: Peer): void {
    this.peers.add(peer)
    peer.send(this.answers.syncStep1())
    this.sendAwarenessStates(peer)
  }

  leave(peer: Peer): void {
    if (!this.peers.delete(peer)) return
    const ids = this.owners.release(peer)
    if (ids.length === 0 || this.destroyed) return
    removeAwarenessStates(this.awareness, ids, peer)
    // Forget their clocks too: a socket cycling through random client ids must not grow this map.
    for (const id of ids) this.awareness.meta.delete(id)
  }

  replyToSyncStep1(peer: Peer, stateVector: Uint8Array): void {
    peer.send(this.answers.syncStep2(stateVector))
  }

  /** Whether the document stays under its size cap with this update applied. */
  admits(update: Uint8Array, decoded: DecodedUpdate): boolean {
    const cap = this.deps.maxDocBytes
    if (this.sizeBound + update.byteLength <= cap) return true
    this.sizeBound = Y.encodeStateAsUpdate(this.doc).byteLength
    if (this.sizeBound + update.byteLength <= cap) return true
    return !wouldChange(this.doc, decoded)
  }

  /**
   * Whether every write of the update is one the peer may make (shared/model/write-rules.ts). The
   * room a writer is in comes from the presence states its own connection controls.
   */
  checkWrite(peer: Peer, role: Role, decoded: DecodedUpdate): RuleVerdict {
    const writer: Writer = { userId: peer.userId, role, inRoom: this.roomOf(peer) }
    return checkUpdate(this.doc, this.rules, decoded, writer, { roomOccupied: (roomId) => this.occupied(roomId) })
  }

  private roomOf(peer: Peer): string | null {
    for (const id of this.owners.idsOf(peer)) {
      const room = roomIn(this.awareness.states.get(id))
      if (room !== null) return room
    }
    return null
  }

  private occupied(roomId: string): boolean {
    for (const state of this.awareness.states.values()) if (roomIn(state) === roomId) return true
    return false
  }

  /**
   * Applies a decoded update. Throws MalformedMessage if Yjs rejects it, or if part of it depends
   * on changes this document lacks: Yjs would hold that part back and hand it to every client
   * that syncs, so it is dropped instead (an honest client re-sends it with its dependencies).
   */
  applyUpdate(peer: Peer, update: Uint8Array, receivedAt: number): void {
    this.applyingSince = receivedAt
    try {
      Y.applyUpdate(this.doc, update, peer)
    } finally {
      this.applyingSince = null
    }
    const store = this.doc.store
    if (store.pendingStructs || store.pendingDs) {
      store.pendingStructs = null
      store.pendingDs = null
      throw new MalformedMessage('update depends on changes this document does not have')
    }
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
   * Applies awareness another server node accepted (scale-out), as `origin`; `deltas`: it came as
   * presence deltas, which the batch passes on as such to peers that read them.
   */
  applyNodeAwareness(update: Uint8Array, origin: symbol, deltas?: readonly PresenceDelta[]): void {
    this.applyingDeltas = deltas && new Map(deltas.map((delta) => [delta.clientId, delta]))
    try {
      applyAwarenessUpdate(this.awareness, update, origin)
    } finally {
      this.applyingDeltas = undefined
    }
  }

  sendAwarenessStates(peer: Peer): void {
    const ids = [...this.awareness.getStates().keys()]
    if (ids.length > 0) peer.send(new WireFrame(encodeAwareness(encodeAwarenessUpdate(this.awareness, ids))))
  }

  /** Creates the member's maps once; goes through the same persist-then-broadcast path. */
  ensureMember(userId: string, fields: { name: string; role: Role }): boolean {
    return new TeamDoc(this.doc).ensureMember(userId, fields)
  }

  /** The server is the one writer of schema migrations; they are stored and sent like any change. */
  migrateTeamDoc(): void {
    try {
      const { from, to } = migrate(new TeamDoc(this.doc))
      if (from !== to) this.deps.log.info('team document migrated', { doc: this.name, from, to })
    } catch (error) {
      this.deps.log.warn('team document not migrated', { doc: this.name, error })
    }
  }

  /** Picks up writes another process (the CLI) made to the store. */
  async reloadFromStore(): Promise<void> {
    const stored = await this.deps.store.load(this.name)
    if (this.destroyed || this.broken) return
    Y.transact(this.doc, () => stored.forEach((update) => Y.applyUpdate(this.doc, update)), FROM_STORE)
  }

  /** Applies an update another server node already stored (scale-out): sent to peers, not stored again. */
  applyStoredUpdate(update: Uint8Array): void {
    if (!this.destroyed && !this.broken) Y.applyUpdate(this.doc, update, FROM_STORE)
  }

  /** Resolves once every change so far is stored and sent. */
  flushed(): Promise<void> {
    return this.tail
  }

  close(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.awareness.destroy()
    this.doc.destroy()
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    this.answers.changed()
    this.sizeBound += update.byteLength
    const frame = new WireFrame(encodeUpdate(update))
    const except = this.peers.has(origin as Peer) ? (origin as Peer) : null
    const persist = origin !== FROM_STORE
    const receivedAt = this.applyingSince ?? performance.now()
    // The chain never rejects: a store failure breaks this room only, never later writes' order.
    this.tail = this.tail.then(async () => {
      if (this.broken) return
      try {
        if (persist) {
          await this.deps.store.append(this.name, update)
          this.deps.metrics.updatesPersisted++
        }
      } catch (error) {
        this.fail(error)
        return
      }
      try {
        this.broadcast(frame, except)
        this.deps.metrics.fanout.observe('update', (performance.now() - receivedAt) / 1000)
      } catch (error) {
        this.deps.log.error('broadcast failed', { doc: this.name, error })
      }
    })
  }

  private onAwarenessUpdate({ added, updated, removed }: AwarenessChange, origin: unknown): void {
    const renewal = !this.awarenessChangeVisible
    this.awarenessChangeVisible = false
    if (this.destroyed) return
    const from = this.peers.has(origin as Peer) ? (origin as Peer) : null
    // Clients echo states they receive, with the clock unchanged (no event): only a state a
    // connection moved forward is one it controls.
    this.owners.record(from, [...added, ...updated], removed)
    const changed = [...added, ...updated, ...removed]
    const receivedAt = this.applyingSince ?? performance.now()
    // A delta builds on the clock delta readers hold: a renewal still waiting here would come
    // between, and both would have to go whole. It goes now, and the delta after it.
    if (this.applyingDeltas && this.awarenessBatch.holdsRenewalOf(changed)) this.flushAwareness()
    this.awarenessBatch.add(this.awareness, changed, from, { at: receivedAt, renewal }, this.applyingDeltas)
    if (renewal) this.deps.awarenessPacer.renewed(this)
    else this.deps.awarenessPacer.changed(this, receivedAt)
  }

  /** A frame was read for some document of this server: held awareness may be due. */
  paceAwareness(now: number): void {
    this.deps.awarenessPacer.tick(now)
  }

  heldRenewalSince(): number | null {
    return this.awarenessBatch.oldestRenewalAt()
  }

  /** Sends what the batch holds: one frame per peer (the pacer decides when). */
  flushAwareness(): void {
    if (this.awarenessBatch.isEmpty()) return
    const batch = this.awarenessBatch.take()
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

  private broadcast(frame: WireFrame, except: Peer | null): void {
    for (const peer of this.peers) if (peer !== except) peer.send(frame)
  }

  private fail(error: unknown): void {
    this.broken = true
    this.deps.log.error('store write failed; dropping the document from memory', { doc: this.name, error })
    for (const peer of this.peers) peer.close(CloseCode.serverError, 'storage failure')
    this.deps.onBroken(this)
  }
}

function roomIn(state: unknown): string | null {
  const room = typeof state === 'object' && state !== null ? (state as { room?: unknown }).room : null
  return typeof room === 'string' ? room : null
}
