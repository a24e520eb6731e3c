import { Redis } from 'ioredis'
import type { Logger } from '../observe/log'

export interface StreamItem {
  id: string
  fields: Buffer[]
}

export interface StreamReaderOptions {
  redisUrl: string
  /** A stream only this reader reads; an entry there ends a blocked read so new keys join in. */
  wakeKey: string
  log: Logger
  onItems(key: string, items: StreamItem[]): void
}

const BATCH = 512
const RETRY_MS = 250

/**
 * Reads a changing set of streams with XREAD BLOCK on its own connection (a blocked connection
 * can do nothing else). Adding a key wakes the blocked read through the wake stream: unlike
 * CLIENT UNBLOCK, an entry written before the read reaches Redis still ends it at once.
 */
export class StreamReader {
  private readonly redis: Redis
  private readonly positions = new Map<string, string>()
  private wakePosition = '0-0'
  private stopped = false
  private signalStop: () => void = () => {}
  /** Settles on stop(): a read queued while Redis is unreachable may never settle otherwise. */
  private readonly stopping = new Promise<null>((resolve) => (this.signalStop = () => resolve(null)))
  private readonly loop: Promise<void>

  constructor(private readonly options: StreamReaderOptions) {
    // RESP2: XREAD replies as nested arrays, the shape parseXread checks.
    this.redis = new Redis(options.redisUrl, { protocol: 2, maxRetriesPerRequest: null, connectionName: 'hallway-fanout-reader' })
    this.redis.on('error', (error) => options.log.warn('redis reader connection error', { error }))
    this.loop = this.run()
  }

  /** Reads `key` from just after `afterId`; the caller then wakes the blocked read. */
  add(key: string, afterId: string): void {
    this.positions.set(key, afterId)
  }

  remove(key: string): void {
    this.positions.delete(key)
  }

  async close(): Promise<void> {
    this.stopped = true
    this.signalStop()
    this.redis.disconnect()
    await this.loop
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const reading = new Map(this.positions)
      const keys = [this.options.wakeKey, ...reading.keys()]
      const ids = [this.wakePosition, ...reading.values()]
      let streams: Array<{ key: string; items: StreamItem[] }>
      try {
        const read = this.redis.xreadBuffer('COUNT', BATCH, 'BLOCK', 0, 'STREAMS', ...keys, ...ids)
        read.catch(() => {})
        const reply = await Promise.race([read, this.stopping])
        if (this.stopped) return
        streams = parseXread(reply)
      } catch (error) {
        if (this.stopped) return
        this.options.log.error('reading redis streams failed; retrying', { error })
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS))
        continue
      }
      for (const { key, items } of streams) {
        const last = items.at(-1)
        if (!last) continue
        if (key === this.options.wakeKey) {
          this.wakePosition = last.id
          continue
        }
        // A key removed, or re-added from another position, while we read: not ours any more.
        if (!reading.has(key) || this.positions.get(key) !== reading.get(key)) continue
        this.positions.set(key, last.id)
        try {
          this.options.onItems(key, items)
        } catch (error) {
          this.options.log.error('handling stream entries failed', { key, error })
        }
      }
    }
  }
}

const STREAM_ID = /^\d{1,20}-\d{1,20}$/

/** XREAD's reply, checked: null, or [[key, entries], ...]. */
export function parseXread(reply: unknown): Array<{ key: string; items: StreamItem[] }> {
  if (reply === null) return []
  if (!Array.isArray(reply)) throw new Error('XREAD reply is not an array')
  return reply.map((stream: unknown) => {
    if (!Array.isArray(stream) || stream.length !== 2 || !Buffer.isBuffer(stream[0])) throw new Error('XREAD stream is not [key, entries]')
    return { key: stream[0].toString('utf8'), items: parseStreamItems(stream[1]) }
  })
}

/** Stream entries as XREAD and XRANGE return them, checked: [[id, [field, value, ...]], ...]. */
export function parseStreamItems(reply: unknown): StreamItem[] {
  if (!Array.isArray(reply)) throw new Error('stream entries are not an array')
  return reply.map((item: unknown): StreamItem => {
    if (!Array.isArray(item) || item.length !== 2 || !Buffer.isBuffer(item[0])) throw new Error('stream entry is not [id, fields]')
    const id = item[0].toString('latin1')
    const fields: unknown = item[1]
    if (!STREAM_ID.test(id)) throw new Error('stream entry id is malformed')
    if (!Array.isArray(fields) || !fields.every((field) => Buffer.isBuffer(field))) throw new Error('stream entry fields are not byte strings')
    return { id, fields: fields as Buffer[] }
  })
}
