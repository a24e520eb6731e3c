import { removeAwarenessStates } from 'y-protocols/awareness'
import { encodePresenceDeltas, type PresenceDelta } from '../../shared/contract/presence-delta'
import { encodeReadMarkers } from '../../shared/contract/read-markers'
import type { Logger } from '../observe/log'
import type { AwarenessChange } from '../sync/awareness-entries'
import { DrainLeave } from '../sync/drain-leaves'
import type { LiveDoc } from '../sync/live-doc'
import type { AwarenessEntry } from '../sync/protocol'
import { PresenceOutbox } from './presence-outbox'
import { ReplayedEntry, awarenessPayloads, drainLeaveData, type FanoutEntry, type OutgoingEntry } from './stream-entry'

/** Origin of awareness changes that came from another node: shown here, never published back. */
const FROM_NODE = Symbol('from-node')

export interface LinkHost {
  readonly nodeId: string
  log: Logger
  /** Publish presence as deltas (false: whole states only, for a cluster with nodes that predate them). */
  readonly presenceDeltas: boolean
  /** Whole-state awareness entries are published in payloads of at most this many bytes. */
  readonly maxAwarenessEntryBytes: number
  /**
   * Appends to this document's stream (fire and forget; failures surface as gaps to readers).
   * False: refused, never sent (an entry over its cap).
   */
  publish(link: DocLink, entry: OutgoingEntry): boolean
  /** Starts reading the stream into `receive`, from the position captured before the load. */
  startReading(link: DocLink): void
  closed(link: DocLink): void
}

/**
 * One loaded document's tie to the other nodes: publishes what this node accepted, applies what
 * the others did, and remembers which node each remote awareness client lives on, so the states of
 * a node that dies can be taken down.
 */
export class DocLink {
  private room: LiveDoc | null = null
  private seq = 0
  private closed = false
  /** Remote awareness client id → node that publishes it. */
  private readonly remoteOwners = new Map<number, string>()
  /** Last seq seen per sending link (`node/link`), to notice missed entries. */
  private readonly lastSeqs = new Map<string, number>()
  /** Local awareness changes not yet published, as they were when they happened. */
  private readonly outgoing = new Map<number, AwarenessEntry>()
  /** This node's drain cut these clients (removals not yet published), and the longest hold named. */
  private readonly drainLeaves = new Map<number, AwarenessEntry>()
  private drainHoldMs = 0
  private flushScheduled = false
  private readonly outbox: PresenceOutbox
  /**
   * A query is out and no whole states have come since: deltas that arrive meanwhile miss the
   * same bases the answer brings, so they ask no further.
   */
  private asking = false

  constructor(
    readonly docName: string,
    readonly streamKey: string,
    /** Stream id of the last entry before the store was read; reading starts after it. */
    readonly readFrom: string,
    readonly linkNo: number,
    private readonly host: LinkHost,
  ) {
    this.outbox = new PresenceOutbox(host.presenceDeltas)
  }

  nextSeq(): number {
    return ++this.seq
  }

  /** Called once the room exists: from here on, remote changes reach it and local ones go out. */
  attach(room: LiveDoc): void {
    this.room = room
    room.presence.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      if (origin === FROM_NODE || this.closed) return
      if (origin instanceof DrainLeave) {
        if (!origin.remote) this.queueDrainLeaves(removed, origin.holdMs)
        return
      }
      // The server's own (always empty) state changes only when the room closes.
      const changed = [...added, ...updated, ...removed].filter((id) => id !== room.presence.awareness.clientID)
      if (changed.length === 0) return
      for (const id of changed) {
        this.remoteOwners.delete(id)
        const state: unknown = room.presence.awareness.states.get(id) ?? null
        this.outgoing.set(id, { clientId: id, clock: room.presence.awareness.meta.get(id)?.clock ?? 0, state })
      }
      this.scheduleFlush()
    })
    room.readMarkers.onRaised((user, markers) => {
      if (!this.closed) this.host.publish(this, { kind: 'read', user, data: encodeReadMarkers(markers) })
    })
    room.doc.on('destroy', () => this.close())
    this.host.startReading(this)
    this.query()
  }

  /** A stored update of this document, published in the order it was stored. */
  publishUpdate(update: Uint8Array): void {
    if (!this.closed) this.host.publish(this, { kind: 'update', data: update })
  }

  /**
   * Applies another node's entry. Throws ReplayedEntry for one whose seq is not past the last
   * applied from its sender: the tag covers node, link and seq, so only a copy of a real entry
   * gets here, and applying it again could bring back a state its sender has since changed or
   * removed (a clock this node no longer holds, a dead node's clients).
   */
  receive(entry: FanoutEntry): void {
    const room = this.room
    if (!room || this.closed || entry.node === this.host.nodeId) return
    const sender = `${entry.node}/${entry.link}`
    const last = this.lastSeqs.get(sender)
    if (last !== undefined && entry.seq <= last) throw new ReplayedEntry(`seq ${entry.seq} from ${sender}, which is past ${last} already`)
    this.lastSeqs.set(sender, entry.seq)
    if (last !== undefined && entry.seq !== last + 1) this.resync(`missed ${entry.seq - last - 1} entries from ${sender}`)
    switch (entry.kind) {
      case 'update':
        try {
          room.applyStoredUpdate(entry.data)
        } catch (error) {
          this.resync(`update from ${sender} did not apply: ${(error as Error).message}`)
        }
        return
      case 'awareness':
        room.presence.applyNodeAwareness(entry.entries, FROM_NODE)
        this.noteRemote(entry.node, entry.entries)
        this.asking = false
        return
      case 'presence':
        this.applyDeltas(room, entry.node, entry.deltas)
        return
      case 'read':
        room.readMarkers.deliver(entry.user, entry.markers, null)
        return
      case 'drain-leave': {
        // Only clients this node still has from the sender: one already back through another node stays.
        const leaving = entry.entries.filter(({ clientId }) => this.remoteOwners.get(clientId) === entry.node)
        room.presence.applyNodeDrainLeaves(leaving, entry.holdMs)
        this.noteRemote(entry.node, leaving)
        return
      }
      case 'query': {
        const local = this.localEntries()
        this.outbox.sentWhole(local)
        this.publishWhole(local)
        return
      }
    }
  }

  /** Nodes whose clients' awareness this document shows. */
  remoteNodes(): Iterable<string> {
    return this.remoteOwners.values()
  }

  /** Takes down the awareness states a dead node owned (for local peers; every node does the same). */
  nodeDied(nodeId: string): void {
    const room = this.room
    if (!room || this.closed) return
    const ids = [...this.remoteOwners].filter(([, node]) => node === nodeId).map(([id]) => id)
    for (const id of ids) this.remoteOwners.delete(id)
    const present = ids.filter((id) => room.presence.awareness.states.has(id))
    if (present.length > 0) removeAwarenessStates(room.presence.awareness, present, FROM_NODE)
    // Forget their clocks: a client of the dead node that reconnects here unchanged is taken as new.
    for (const id of ids) room.presence.awareness.meta.delete(id)
  }

  close(): void {
    if (this.closed) return
    this.flushAwareness()
    this.closed = true
    this.host.closed(this)
  }

  /** Every change read in this event-loop turn goes out as one entry. */
  private scheduleFlush(): void {
    if (this.flushScheduled) return
    this.flushScheduled = true
    setImmediate(() => this.flushAwareness())
  }

  /** Clients this node's drain cut: their removal replaces any change of theirs not yet published. */
  private queueDrainLeaves(removed: readonly number[], holdMs: number): void {
    const { awareness } = this.room!.presence
    for (const id of removed) {
      this.outgoing.delete(id)
      this.outbox.forget(id)
      this.drainLeaves.set(id, { clientId: id, clock: awareness.meta.get(id)?.clock ?? 0, state: null })
    }
    this.drainHoldMs = Math.max(this.drainHoldMs, holdMs)
    this.scheduleFlush()
  }

  private flushAwareness(): void {
    this.flushScheduled = false
    if (this.closed) return
    if (this.outgoing.size > 0) {
      const { whole, deltaGroups } = this.outbox.take([...this.outgoing.values()])
      this.outgoing.clear()
      this.publishWhole(whole)
      for (const deltas of deltaGroups) this.host.publish(this, { kind: 'presence', data: encodePresenceDeltas(deltas) })
    }
    if (this.drainLeaves.size > 0) {
      for (const payload of awarenessPayloads([...this.drainLeaves.values()], this.host.maxAwarenessEntryBytes)) {
        this.host.publish(this, { kind: 'drain-leave', data: drainLeaveData(this.drainHoldMs, payload.data) })
      }
      this.drainLeaves.clear()
      this.drainHoldMs = 0
    }
  }

  /** Whole states, in as many entries as the cap takes; the outbox forgets those refused, so their next change goes whole. */
  private publishWhole(entries: readonly AwarenessEntry[]): void {
    for (const payload of awarenessPayloads(entries, this.host.maxAwarenessEntryBytes)) {
      if (this.host.publish(this, { kind: 'awareness', data: payload.data })) continue
      for (const { clientId } of payload.entries) this.outbox.forget(clientId)
    }
  }

  /**
   * Builds each delta on the state this node holds for the client. One whose base is missing
   * here (an entry missed, this node loaded the document after that state went out) asks the
   * other nodes to re-send their clients' presence whole; one older than what is held is stale.
   */
  private applyDeltas(room: LiveDoc, node: string, deltas: readonly PresenceDelta[]): void {
    const usable: PresenceDelta[] = []
    const entries: AwarenessEntry[] = []
    let missing = 0
    for (const delta of deltas) {
      const held = room.presence.awareness.meta.get(delta.clientId)?.clock
      if (held !== undefined && held >= delta.clock) continue
      const entry = room.presence.expandDeltas([delta])?.[0]
      if (!entry) {
        missing++
        continue
      }
      usable.push(delta)
      entries.push(entry)
    }
    if (entries.length > 0) {
      room.presence.applyNodeAwareness(entries, FROM_NODE, usable)
      this.noteRemote(node, entries)
    }
    if (missing > 0 && !this.asking) {
      this.host.log.info('presence deltas without their base; asking for presence', { doc: this.docName, node, missing })
      this.query()
    }
  }

  /** Who publishes the clients of entries just applied from `node`. */
  private noteRemote(node: string, entries: readonly AwarenessEntry[]): void {
    const awareness = this.room!.presence.awareness
    for (const { clientId, clock } of entries) {
      const applied = awareness.states.has(clientId) && awareness.meta.get(clientId)?.clock === clock
      if (applied) {
        this.remoteOwners.set(clientId, node)
        this.outbox.forget(clientId)
      } else if (!awareness.states.has(clientId)) this.remoteOwners.delete(clientId)
    }
  }

  /** The other nodes re-send their clients' presence whole (a node taken for dead is back). */
  askForPresence(): void {
    if (this.room && !this.closed) this.query()
  }

  private query(): void {
    this.asking = true
    this.host.publish(this, { kind: 'query' })
  }

  /** Clients connected to this node: every state that is not a remote one, except the server's own. */
  private localEntries(): AwarenessEntry[] {
    const awareness = this.room!.presence.awareness
    return [...awareness.getStates()]
      .filter(([id]) => id !== awareness.clientID && !this.remoteOwners.has(id))
      .map(([clientId, state]) => ({ clientId, clock: awareness.meta.get(clientId)?.clock ?? 0, state }))
  }

  /** Entries were missed: the store has every update, and the other nodes re-send their presence. */
  private resync(reason: string): void {
    const room = this.room
    if (!room) return
    this.host.log.warn('fan-out gap; reloading the document from the store', { doc: this.docName, reason })
    room.reloadFromStore().catch((error) => this.host.log.error('reloading after a fan-out gap failed', { doc: this.docName, error }))
    this.query()
  }
}
