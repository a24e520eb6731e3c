import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { Role } from '../../shared/contract/token-claims'
import { migrate } from '../../shared/model/migrations'
import { TeamDoc } from '../../shared/model/team-doc'
import type { Metrics } from '../http/metrics'
import type { Logger } from '../log'
import type { DocStore } from '../store/doc-store'
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol'

/** A connection as a document room sees it. */
export interface Peer {
  readonly id: number
  readonly userId: string
  /** Awareness client ids this connection has published; removed when it goes. */
  readonly awarenessIds: Set<number>
  send(frame: Uint8Array): void
  close(code: number, reason: string): void
}

export interface RoomDeps {
  store: DocStore
  log: Logger
  metrics: Metrics
  /** The store refused a write: the room must be dropped so the next load comes from disk. */
  onBroken(room: DocRoom): void
}

/** Origin of changes that came from the store: broadcast them, never write them back. */
const FROM_STORE = Symbol('from-store')

/**
 * One loaded document: its Y.Doc, its awareness and the connections on it. Every document change
 * is written to the store first and only then sent to peers, in the order it was applied.
 */
export class DocRoom {
  readonly doc = new Y.Doc()
  readonly awareness: Awareness
  readonly peers = new Set<Peer>()
  private tail: Promise<void> = Promise.resolve()
  private broken = false
  private destroyed = false

  constructor(
    readonly name: string,
    private readonly deps: RoomDeps,
    stored: readonly Uint8Array[],
  ) {
    Y.transact(this.doc, () => stored.forEach((update) => Y.applyUpdate(this.doc, update)), FROM_STORE)
    this.awareness = new Awareness(this.doc)
    this.awareness.setLocalState(null)
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin))
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.onAwarenessUpdate(change, origin))
  }

  join(peer: Peer): void {
    this.peers.add(peer)
    peer.send(encodeSyncStep1(this.doc))
    this.sendAwarenessStates(peer)
  }

  leave(peer: Peer): void {
    if (!this.peers.delete(peer)) return
    const ids = [...peer.awarenessIds].filter((id) => !this.ownedByOther(id, peer))
    if (ids.length > 0 && !this.destroyed) removeAwarenessStates(this.awareness, ids, peer)
  }

  replyToSyncStep1(peer: Peer, stateVector: Uint8Array): void {
    peer.send(encodeSyncStep2(this.doc, stateVector))
  }

  /** Throws if Yjs rejects the update; the caller closes the sender. */
  applyUpdate(peer: Peer, update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, peer)
  }

  applyAwareness(peer: Peer, update: Uint8Array): void {
    applyAwarenessUpdate(this.awareness, update, peer)
  }

  sendAwarenessStates(peer: Peer): void {
    const ids = [...this.awareness.getStates().keys()]
    if (ids.length > 0) peer.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, ids)))
  }

  /** Creates the member's map once; goes through the same persist-then-broadcast path. */
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

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.awareness.destroy()
    this.doc.destroy()
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    const frame = encodeUpdate(update)
    const except = this.peers.has(origin as Peer) ? (origin as Peer) : null
    const persist = origin !== FROM_STORE
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
      } catch (error) {
        this.deps.log.error('broadcast failed', { doc: this.name, error })
      }
    })
  }

  private onAwarenessUpdate({ added, updated, removed }: AwarenessChange, origin: unknown): void {
    if (this.destroyed) return
    const from = this.peers.has(origin as Peer) ? (origin as Peer) : null
    // Clients echo states they receive, with the clock unchanged (no event): only a state a
    // connection moved forward is one it controls.
    if (from) {
      for (const id of [...added, ...updated]) from.awarenessIds.add(id)
      for (const id of removed) from.awarenessIds.delete(id)
    }
    const changed = [...added, ...updated, ...removed]
    const frame = encodeAwareness(encodeAwarenessUpdate(this.awareness, changed))
    this.broadcast(frame, from)
  }

  private broadcast(frame: Uint8Array, except: Peer | null): void {
    for (const peer of this.peers) if (peer !== except) peer.send(frame)
  }

  /** A reconnecting client may publish the same client id from a new connection before the old one closes. */
  private ownedByOther(clientId: number, leaving: Peer): boolean {
    for (const peer of this.peers) if (peer !== leaving && peer.awarenessIds.has(clientId)) return true
    return false
  }

  private fail(error: unknown): void {
    this.broken = true
    this.deps.log.error('store write failed; dropping the document from memory', { doc: this.name, error })
    for (const peer of this.peers) peer.close(1011, 'storage failure')
    this.deps.onBroken(this)
  }
}

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}
