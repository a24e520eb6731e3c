import { parseDocName, teamDocName } from '../../shared/contract/doc-names'
import type { DiscussionSummary, Post } from '../../shared/model/room-activity'
import type { Metrics } from '../observe/metrics'
import type { Logger } from '../observe/log'
import type { DocStore } from '../store/doc-store'
import type { DiscussionSeqStore } from '../store/member-state-store'
import { AwarenessPacer } from './awareness-pacer'
import { LiveDoc } from './live-doc'
import { SummaryKeeper } from './summary-keeper'

/** Scale-out: ties each loaded document to the other server nodes serving it (see ../fanout). */
export interface DocFanout {
  /** Called before the document is read from the store; the link closes itself with the room's doc. */
  open(docName: string): Promise<{ attach(room: LiveDoc): void; close(): void }>
}

interface Slot {
  ready: Promise<LiveDoc>
  room: LiveDoc | null
  refs: number
  unloadTimer: ReturnType<typeof setTimeout> | null
}

export interface RegistryOptions {
  store: DocStore
  /** Numbers posts across nodes (see SummaryKeeper). */
  seqs: DiscussionSeqStore
  log: Logger
  metrics: Metrics
  /** Keep an idle document this long after its last connection leaves. */
  unloadAfterMs: number
  fanout?: DocFanout | null
  maxDocBytes: number
  maxAwarenessIdsPerPeer: number
}

/** How long a held awareness change may wait while the event loop is still reading frames. */
const AWARENESS_MAX_HOLD_MS = 1
/**
 * How long a renewal (an unchanged state re-sent) may wait to go out with others. Stock clients
 * renew every 15–18 s and drop a state not renewed for 30 s, so a state is at most 23 s silent at
 * a receiver, 7 s to spare. Most renewal frames are this timer's in small teams (in big ones
 * visible changes carry them): 5 s instead of 2 s wrote 15 % fewer frames at 2,000 members of
 * the capacity bench's company, and a socket write is most of what a member costs.
 */
export const AWARENESS_RENEWAL_HOLD_MS = 5000
/**
 * How long arrivals after a room's last one may wait to go out together (AwarenessPacer.arrived).
 * Someone who joins alone is seen at once; in a reconnect wave each peer gets at most two arrival
 * frames a second, each with everyone who came back meanwhile, whom its core still draws where
 * they were (comebackHoldMs). At 2,000 members of the capacity bench's company, each announcing
 * itself on its return, the restarted node's CPU per admission went 1,515 → 1,065 µs and all back
 * 4.55 → 3.26 s (medians of 3 interleaved rounds, load average 3); a 100 ms hold saved a third as much.
 */
const AWARENESS_ARRIVAL_HOLD_MS = 500

/**
 * Loaded documents by name. Concurrent first connections share one load; a document leaves
 * memory a while after its last connection, once its writes are flushed.
 */
export class DocRegistry {
  private readonly slots = new Map<string, Slot>()
  private readonly awarenessPacer = new AwarenessPacer(AWARENESS_MAX_HOLD_MS, AWARENESS_RENEWAL_HOLD_MS, AWARENESS_ARRIVAL_HOLD_MS)
  /** Unloads still flushing: a reload of the same name waits for them. */
  private readonly unloading = new Map<string, Promise<void>>()
  private readonly stopWatching: () => void
  /** Each loaded team document's summary writer; it goes with the document. */
  private readonly keepers = new WeakMap<LiveDoc, SummaryKeeper>()
  /**
   * What the keepers wrote, by team id (one summary per room with posts on this node): it
   * outlives the document, as another node's write over it may be found when the document loads again.
   */
  private readonly summariesWritten = new Map<string, Map<string, DiscussionSummary>>()

  constructor(private readonly options: RegistryOptions) {
    this.stopWatching = options.store.onExternalChange(() => this.reloadAll())
  }

  get loadedCount(): number {
    return this.slots.size
  }

  /** Awareness clocks the loaded documents hold (each ~94 B, with or without a state). */
  get awarenessClocks(): number {
    let clocks = 0
    for (const slot of this.slots.values()) clocks += slot.room?.presence.awareness.meta.size ?? 0
    return clocks
  }

  /** Holds a reference: pair every successful acquire with one release. */
  async acquire(name: string): Promise<LiveDoc> {
    let slot = this.slots.get(name)
    if (!slot) {
      const created: Omit<Slot, 'ready'> = { room: null, refs: 0, unloadTimer: null }
      const ready = this.load(name, created)
      slot = Object.assign(created, { ready })
      this.slots.set(name, slot)
      // A failed load must not stick: the next connection tries again.
      ready.catch(() => {
        if (this.slots.get(name) === created) this.slots.delete(name)
      })
    }
    slot.refs++
    if (slot.unloadTimer) {
      clearTimeout(slot.unloadTimer)
      slot.unloadTimer = null
    }
    try {
      return await slot.ready
    } catch (error) {
      slot.refs--
      throw error
    }
  }

  release(room: LiveDoc): void {
    const slot = this.slots.get(room.name)
    if (!slot || slot.room !== room) return
    slot.refs--
    if (slot.refs > 0) return
    slot.unloadTimer = setTimeout(() => this.unload(room.name, slot), this.options.unloadAfterMs)
    slot.unloadTimer.unref()
  }

  /** Drops a room whose store writes failed; its peers were already closed. */
  evict(room: LiveDoc): void {
    const slot = this.slots.get(room.name)
    if (slot?.room === room) this.unload(room.name, slot)
  }

  /** Whether the document is loaded here (or loading). */
  isLoaded(name: string): boolean {
    return this.slots.has(name)
  }

  /** Flushes and unloads every document (shutdown). */
  async closeAll(): Promise<void> {
    this.stopWatching()
    for (const [name, slot] of [...this.slots]) this.unload(name, slot)
    await Promise.all([...this.unloading.values()])
  }

  private async load(name: string, slot: Pick<Slot, 'room'>): Promise<LiveDoc> {
    await this.unloading.get(name)
    const link = (await this.options.fanout?.open(name)) ?? null
    let stored: Uint8Array[]
    let room: LiveDoc
    try {
      stored = await this.options.store.load(name)
      room = new LiveDoc(
        name,
        {
          ...this.options,
          awarenessPacer: this.awarenessPacer,
          onBroken: (broken) => this.evict(broken),
          onPosted: (discussion, posts) => this.summarise(discussion, posts),
        },
        stored,
      )
    } catch (error) {
      link?.close()
      throw error
    }
    link?.attach(room)
    const parsed = parseDocName(name)
    if (parsed?.kind === 'team') {
      room.migrateTeamDoc()
      // This node wrote summaries of this team before: a keeper checks them against what loaded.
      if (this.summariesWritten.has(parsed.teamId)) this.keeperOf(room, parsed.teamId)
    }
    slot.room = room
    this.options.metrics.docLoads++
    this.options.log.debug('document loaded', { doc: name, updates: stored.length })
    return room
  }

  private unload(name: string, slot: Slot): void {
    if (slot.unloadTimer) clearTimeout(slot.unloadTimer)
    if (this.slots.get(name) !== slot) return
    this.slots.delete(name)
    const done = slot.ready
      .then(async (room) => {
        await room.flushed()
        room.close()
        this.options.metrics.docUnloads++
        this.options.log.debug('document unloaded', { doc: name })
      })
      .catch(() => {})
      .finally(() => {
        if (this.unloading.get(name) === done) this.unloading.delete(name)
      })
    this.unloading.set(name, done)
  }

  /** Moves the room's discussion summary in the team document, where every member sees it. */
  private summarise(discussion: LiveDoc, posts: Post[]): void {
    const parsed = parseDocName(discussion.name)
    if (parsed?.kind !== 'chat') return
    const at = Date.now()
    this.acquire(teamDocName(parsed.teamId))
      .then(async (team) => {
        try {
          await this.keeperOf(team, parsed.teamId).record(parsed.roomId, posts, at)
        } finally {
          this.release(team)
        }
      })
      .catch((error) => this.options.log.error('discussion summary not written', { doc: discussion.name, error }))
  }

  private keeperOf(team: LiveDoc, teamId: string): SummaryKeeper {
    let keeper = this.keepers.get(team)
    if (!keeper) {
      let written = this.summariesWritten.get(teamId)
      if (!written) {
        written = new Map()
        this.summariesWritten.set(teamId, written)
      }
      keeper = new SummaryKeeper(team.doc, teamId, this.options.seqs, written)
      this.keepers.set(team, keeper)
    }
    return keeper
  }

  private reloadAll(): void {
    for (const slot of this.slots.values()) {
      const room = slot.room
      if (!room) continue
      room.reloadFromStore().catch((error) => this.options.log.error('reloading a document from the store failed', { doc: room.name, error }))
    }
  }
}
