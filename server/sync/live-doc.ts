import { CloseCode } from '../../shared/contract/close-codes'
import * as Y from 'yjs'
import type { Role } from '../../shared/model/schema'
import type { RuleVerdict, Writer } from '../../shared/model/write-rules'
import { migrate } from '../../shared/model/migrations'
import { TeamDoc } from '../../shared/model/team-doc'
import { readMessage } from '../../shared/model/discussion'
import type { Post } from '../../shared/model/room-activity'
import type { Metrics } from '../observe/metrics'
import type { Logger } from '../observe/log'
import type { DocStore } from '../store/doc-store'
import { LivePresence, type PresenceDeps } from './live-presence'
import { MalformedMessage, encodeUpdate, type DecodedUpdate } from './protocol'
import { checkUpdate, rulesFor, type DocRules } from './rule-check'
import type { Peer } from './peer'
import { ReadMarkerRelay } from './read-marker-relay'
import { SyncAnswers } from './sync-answers'
import { trimContentArrays } from './trim-content'
import { wouldChange } from './write-check'
import { WireFrame } from './ws-frame'

/** A connection as a document room sees it. */
export interface RoomDeps extends PresenceDeps {
  store: DocStore
  log: Logger
  metrics: Metrics
  /** Encoded document size past which writes are refused. */
  maxDocBytes: number
  /** The store refused a write: the room must be dropped so the next load comes from disk. */
  onBroken(room: LiveDoc): void
  /** A discussion accepted messages from a connection (never what came from the store or another node). */
  onPosted?(room: LiveDoc, posts: Post[]): void
}

/** Origin of changes that came from the store: broadcast them, never write them back. */
const FROM_STORE = Symbol('from-store')

/** Y.encodeStateAsUpdate of nothing: no structs, no deletions. */
const EMPTY_UPDATE_BYTES = 2

/**
 * Applies a document's stored log; returns its size in bytes. A function apart from LiveDoc's
 * constructor: a log captured there shares a context with the document's update listener and
 * lived as long as the document (the bench team document, 500 rooms: a 78 KB log). Its value
 * arrays are then trimmed (trim-content.ts).
 */
function applyStored(doc: Y.Doc, stored: readonly Uint8Array[]): number {
  let bytes = 0
  Y.transact(
    doc,
    () => {
      for (const update of stored) {
        Y.applyUpdate(doc, update)
        bytes += update.byteLength
      }
    },
    FROM_STORE,
  )
  trimContentArrays(doc)
  return bytes
}

/**
 * One loaded document: its Y.Doc, its presence and the connections on it. Every document change
 * is written to the store first and only then sent to peers, in the order it was applied.
 */
export class LiveDoc {
  readonly doc = new Y.Doc()
  private readonly answers = new SyncAnswers(this.doc)
  readonly peers = new Set<Peer>()
  readonly presence: LivePresence
  /** Read markers raised by this document's members, to their own other connections (team documents). */
  readonly readMarkers = new ReadMarkerRelay(this.peers)
  private readonly rules: DocRules
  private tail: Promise<void> = Promise.resolve()
  private broken = false
  private destroyed = false
  /** An upper bound on the encoded size (the sum of what was applied); made exact near the cap. */
  private sizeBound: number
  /** performance.now() of the frame being applied, for the fan-out histogram. */
  private applyingSince: number | null = null
  /**
   * Rooms this (team) document was found to have, until its next change. Every admission to a
   * discussion asks; in a reconnect wave the whole team asks at once, and reading a room (its
   * fields, each schema-checked) was ~4 % of an admission. Only rooms found are kept, so a
   * stream of unknown room ids grows nothing.
   */
  private roomsFound: Set<string> | null = null

  constructor(
    readonly name: string,
    private readonly deps: RoomDeps,
    stored: readonly Uint8Array[],
  ) {
    this.rules = rulesFor(name)
    this.sizeBound = applyStored(this.doc, stored)
    this.presence = new LivePresence(this.doc, this.peers, deps)
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin))
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
    this.presence.sendAwarenessStates(peer)
  }

  /** What this document has that one held as of `heldAt` (a state vector) lacks, as an update frame; null if nothing. */
  changedSince(heldAt: Uint8Array): WireFrame | null {
    const missed = Y.encodeStateAsUpdate(this.doc, heldAt)
    return missed.byteLength > EMPTY_UPDATE_BYTES ? new WireFrame(encodeUpdate(missed)) : null
  }

  /**
   * A member handed over live from the process before. It gets `missed` (changedSince what it
   * holds), if anything, and a sync step 1, which asks it for anything it holds that this process
   * does not (and tells it this process now serves it).
   */
  adopt(peer: Peer, missed: WireFrame | null): void {
    this.peers.add(peer)
    if (missed) peer.send(missed)
    peer.send(this.answers.syncStep1())
  }

  /** `drainHoldMs`: the drain cut the peer; its states go without telling this node's other peers (see LivePresence.release). */
  leave(peer: Peer, drainHoldMs: number | null = null): void {
    if (this.peers.delete(peer)) this.presence.release(peer, drainHoldMs)
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
    const writer: Writer = { userId: peer.userId, role, inRoom: this.presence.roomOf(peer) }
    return checkUpdate(this.doc, this.rules, decoded, writer, { roomOccupied: (roomId) => this.presence.occupied(roomId) })
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

  /** Whether the team document has this room now. */
  hasRoom(roomId: string): boolean {
    if (this.roomsFound?.has(roomId)) return true
    if (new TeamDoc(this.doc).room(roomId) === null) return false
    ;(this.roomsFound ??= new Set()).add(roomId)
    return true
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
    applyStored(this.doc, stored)
  }

  /** Applies an update another server node already stored (scale-out): sent to peers, not stored again. */
  applyStoredUpdate(update: Uint8Array): void {
    if (!this.destroyed && !this.broken) Y.applyUpdate(this.doc, update, FROM_STORE)
  }

  /** Resolves once every change so far is stored and sent. */
  flushed(): Promise<void> {
    return this.tail
  }

  /** A live hand-over: resolves once every change so far is stored and sent, and the held presence sent. */
  async settle(): Promise<void> {
    await this.tail
    this.presence.flushAwareness()
  }

  close(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.presence.destroy()
    this.doc.destroy()
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    this.answers.changed()
    this.roomsFound = null
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
