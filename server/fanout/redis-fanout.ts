import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Logger } from '../observe/log'
import type { Metrics } from '../observe/metrics'
import { DEFAULT_HEARTBEAT_TTL_MS, DEFAULT_STREAM_MAX_LENGTH } from './scale-out-config'
import { redactUrl } from '../observe/redact-url'
import type { DocStore } from '../store/doc-store'
import type { DocFanout } from '../sync/doc-registry'
import { DocLink, type LinkHost } from './doc-link'
import { NodeLiveness } from './node-liveness'
import { EntryAuth } from './entry-auth'
import { BadEntry, EntryTooLarge, ReplayedEntry, UnauthenticatedEntry, entryFields, fieldValues, parseEntry, type OutgoingEntry } from './stream-entry'
import { StreamReader, parseStreamItems, type StreamItem } from './stream-reader'

/** A document's stream outlives its last entry by this much, then Redis drops it. */
const STREAM_IDLE_TTL_MS = 3600_000
/**
 * The stream's expiry is renewed with an entry at most this often (a PEXPIRE is ~80 B on Redis,
 * more than a presence delta entry), so a stream lives 59–60 minutes past its last entry.
 */
const EXPIRY_RENEW_MS = 60_000

export const docStreamKey = (docName: string) => `hallway:doc:${docName}`

export interface RedisFanoutOptions {
  redisUrl: string
  log: Logger
  /** Counts entries refused for their size: `fanout-publish-too-large` here, `fanout-entry-too-large` read from another node. */
  metrics: Metrics
  /** The sync server's message cap (--max-message-bytes): no awareness state it accepted is larger, so no whole-state entry is. */
  maxAwarenessEntryBytes: number
  /** A node is taken for dead, and its clients' presence removed, at most this long after it stops. */
  heartbeatTtlMs?: number
  /** Approximate cap per document stream (XADD MAXLEN ~); readers that fall further behind resync. */
  streamMaxLength?: number
  /** Publish presence changes as deltas (default); false: whole states, as nodes before deltas did. */
  presenceDeltas?: boolean
  /** The token signing secret every node shares: entries are tagged with a key derived from it (EntryAuth). */
  sharedSecret: Uint8Array
  /** For this long after the node starts, untagged heartbeats (nodes from before heartbeat tags) count for liveness (NodeLiveness). */
  untaggedHeartbeatWindowMs?: number
}

/**
 * Fan-out between server nodes through one Redis stream per document: each node appends what it
 * accepted (after storing it) and reads the streams of the documents it has loaded.
 */
export class RedisFanout implements DocFanout, LinkHost {
  readonly nodeId: string
  readonly log: Logger
  readonly presenceDeltas: boolean
  readonly maxAwarenessEntryBytes: number
  private readonly metrics: Metrics
  private readonly auth: EntryAuth
  private readonly publisher: Redis
  private readonly reader: StreamReader
  private readonly liveness: NodeLiveness
  private readonly links = new Map<string, DocLink>()
  private readonly maxLength: number
  private readonly wakeKey: string
  private linkCount = 0
  private publishFailing = false
  /** performance.now() of each stream's last expiry renewal. */
  private readonly expiryRenewedAt = new Map<string, number>()

  static async start(options: RedisFanoutOptions): Promise<RedisFanout> {
    const fanout = new RedisFanout(options)
    try {
      await fanout.liveness.start()
    } catch (error) {
      await fanout.close()
      throw new Error(`Could not reach Redis at ${redactUrl(options.redisUrl)}: ${(error as Error).message}`, { cause: error })
    }
    fanout.log.info('fan-out node started', { node: fanout.nodeId })
    return fanout
  }

  private constructor(options: RedisFanoutOptions) {
    this.nodeId = randomBytes(5).toString('hex')
    this.log = options.log.child({ node: this.nodeId })
    this.maxLength = options.streamMaxLength ?? DEFAULT_STREAM_MAX_LENGTH
    this.presenceDeltas = options.presenceDeltas ?? true
    this.maxAwarenessEntryBytes = options.maxAwarenessEntryBytes
    this.metrics = options.metrics
    this.auth = new EntryAuth(options.sharedSecret)
    this.wakeKey = `hallway:wake:${this.nodeId}`
    // Few retries: a node that cannot reach Redis should refuse documents, not queue forever.
    this.publisher = new Redis(options.redisUrl, { protocol: 2, maxRetriesPerRequest: 3, connectionName: `hallway-${this.nodeId}` })
    this.publisher.on('error', (error) => this.log.warn('redis connection error', { error }))
    this.reader = new StreamReader({ redisUrl: options.redisUrl, wakeKey: this.wakeKey, log: this.log, onItems: (key, items) => this.dispatch(key, items) })
    this.liveness = new NodeLiveness({
      redis: this.publisher,
      nodeId: this.nodeId,
      ttlMs: options.heartbeatTtlMs ?? DEFAULT_HEARTBEAT_TTL_MS,
      log: this.log,
      sharedSecret: options.sharedSecret,
      untaggedWindowMs: options.untaggedHeartbeatWindowMs,
      watched: () => [...this.links.values()].flatMap((link) => [...link.remoteNodes()]),
      onDead: (nodes) => {
        for (const link of this.links.values()) for (const node of nodes) link.nodeDied(node)
      },
      // Rare (a deleted heartbeat key): a query per loaded document brings every member back whole.
      onBack: () => {
        for (const link of this.links.values()) link.askForPresence()
      },
    })
  }

  /**
   * Called before a document is read from the store: remembers where its stream ends now. Every
   * entry up to there was stored before it was published, so the load has it; the link reads
   * everything after.
   */
  async open(docName: string): Promise<DocLink> {
    const key = docStreamKey(docName)
    const last = parseStreamItems(await this.publisher.xrevrangeBuffer(key, '+', '-', 'COUNT', 1))[0]?.id ?? '0-0'
    const link = new DocLink(docName, key, last, ++this.linkCount, this)
    this.links.get(key)?.close()
    this.links.set(key, link)
    return link
  }

  /** Wraps the rooms' store: an update goes to the stream only once the store has it. */
  publishingStore(store: DocStore): DocStore {
    return {
      load: (docName) => store.load(docName),
      append: async (docName, update) => {
        await store.append(docName, update)
        this.links.get(docStreamKey(docName))?.publishUpdate(update)
      },
      compact: (docName) => store.compact(docName),
      onExternalChange: (listener) => store.onExternalChange(listener),
      close: () => store.close(),
    }
  }

  publish(link: DocLink, entry: OutgoingEntry): boolean {
    if (entry.kind === 'awareness' && entry.data.byteLength > this.maxAwarenessEntryBytes) {
      this.metrics.countRefusal('fanout-publish-too-large')
      this.log.warn('awareness entry over the cap not published', { doc: link.docName, bytes: entry.data.byteLength, max: this.maxAwarenessEntryBytes })
      return false
    }
    const fields = entryFields(this.nodeId, link.linkNo, link.nextSeq(), entry)
    fields.push(Buffer.from('tag'), this.auth.tag(link.streamKey, fieldValues(fields)))
    const pipeline = this.publisher.pipeline().xadd(link.streamKey, 'MAXLEN', '~', String(this.maxLength), '*', ...fields)
    // After a failure Redis may have restarted: the XADD made a stream without an expiry.
    const now = performance.now()
    if (this.publishFailing || now - (this.expiryRenewedAt.get(link.streamKey) ?? -Infinity) >= EXPIRY_RENEW_MS) {
      pipeline.pexpire(link.streamKey, STREAM_IDLE_TTL_MS)
      this.expiryRenewedAt.set(link.streamKey, now)
    }
    pipeline
      .exec()
      .then((results) => {
        const failed = results?.find(([error]) => error)?.[0]
        if (failed) throw failed
        if (this.publishFailing) this.log.info('publishing to redis works again')
        this.publishFailing = false
      })
      .catch((error) => {
        if (!this.publishFailing) this.log.error('publishing to redis failed; other nodes will resync when it is back', { doc: link.docName, error })
        this.publishFailing = true
      })
    return true
  }

  startReading(link: DocLink): void {
    this.reader.add(link.streamKey, link.readFrom)
    this.publisher
      .pipeline()
      .xadd(this.wakeKey, 'MAXLEN', '1', '*', 'wake', '1')
      .pexpire(this.wakeKey, STREAM_IDLE_TTL_MS)
      .exec()
      .catch((error) => this.log.warn('waking the stream reader failed', { error }))
  }

  closed(link: DocLink): void {
    if (this.links.get(link.streamKey) !== link) return
    this.links.delete(link.streamKey)
    this.reader.remove(link.streamKey)
    // Renewals are spaced out: the last may predate a Redis restart that made the stream anew.
    if (this.expiryRenewedAt.delete(link.streamKey)) this.publisher.pexpire(link.streamKey, STREAM_IDLE_TTL_MS).catch(() => {})
  }

  /** Stops reading and beating; rooms (and their links) are closed first by the registry. */
  async close(): Promise<void> {
    for (const link of [...this.links.values()]) link.close()
    await this.reader.close()
    // Tidying up is best effort: with Redis gone, the keys expire on their own.
    if (this.publisher.status === 'ready') {
      await this.liveness.close()
      await this.publisher.del(this.wakeKey).catch(() => {})
      await this.publisher.quit().catch(() => this.publisher.disconnect())
    } else {
      this.liveness.halt()
      this.publisher.disconnect()
    }
  }

  private dispatch(key: string, items: StreamItem[]): void {
    const link = this.links.get(key)
    if (!link) return
    for (const item of items) {
      try {
        const values = fieldValues(item.fields)
        // Checked before anything is decoded: a forged entry costs a reader one HMAC, nothing more.
        if (!this.auth.verifies(key, values)) throw new UnauthenticatedEntry('missing or wrong tag: not published by a node of this cluster')
        link.receive(parseEntry(values, this.maxAwarenessEntryBytes))
      } catch (error) {
        if (error instanceof EntryTooLarge) this.metrics.countRefusal('fanout-entry-too-large')
        if (error instanceof UnauthenticatedEntry) {
          this.metrics.countRefusal('fanout-entry-unauthenticated')
          this.log.warn('unauthenticated fan-out entry skipped', { key, id: item.id, error })
        } else if (error instanceof ReplayedEntry) {
          this.metrics.countRefusal('fanout-entry-replayed')
          this.log.warn('replayed fan-out entry skipped', { key, id: item.id, error })
        }
        // A skipped node's entry shows up as a gap in its sender's seq, and the link resyncs; a
        // forged one never moved any sender's seq.
        else if (error instanceof BadEntry) this.log.warn('malformed fan-out entry skipped', { key, id: item.id, error })
        else this.log.error('applying a fan-out entry failed', { key, id: item.id, error })
      }
    }
  }
}
