/** Reading and writing a document's fan-out stream on Redis by hand, as a node would. Not shipped code. */
import type { Redis } from 'ioredis'
import { EntryAuth } from '../fanout/entry-auth'
import { HeartbeatTags, redisTimeMs } from '../fanout/heartbeat-tags'
import { nodeKey } from '../fanout/node-liveness'
import { fieldValues, parseEntry, type FanoutEntry } from '../fanout/stream-entry'
import { parseStreamItems } from '../fanout/stream-reader'
import { DEFAULT_TUNING } from '../tuning'
import { capturedLogger } from './captured-log'
import { markerClient } from './marker-client'
import { rawYjsClient } from './raw-yjs-client'
import type { ScaleOutFixture } from './scale-out-fixture'

/** Every entry of a document stream after `afterId`, parsed as a node at the default caps parses it. */
export async function entriesAfter(redis: Redis, key: string, afterId: string): Promise<Array<{ id: string; entry: FanoutEntry }>> {
  const items = parseStreamItems(await redis.xrangeBuffer(key, `(${afterId}`, '+'))
  return items.map((item) => ({ id: item.id, entry: parseEntry(fieldValues(item.fields), DEFAULT_TUNING.maxMessageBytes) }))
}

/** The id of a stream's last entry ('0-0' for none). */
export async function lastId(redis: Redis, key: string): Promise<string> {
  return parseStreamItems(await redis.xrevrangeBuffer(key, '+', '-', 'COUNT', 1))[0]?.id ?? '0-0'
}

/**
 * Appends an entry of these fields (name, value, ...) to a stream, tagged as a node holding
 * `secret` tags it; null: untagged, as anyone with write access to Redis can append.
 */
export function appendEntry(redis: Redis, key: string, secret: Uint8Array | null, ...fields: Array<string | Buffer>): Promise<string | null> {
  const buffers = fields.map((field) => (typeof field === 'string' ? Buffer.from(field) : field))
  if (secret) buffers.push(Buffer.from('tag'), new EntryAuth(secret).tag(key, fieldValues(buffers)))
  return redis.xadd(key, '*', ...buffers)
}

/**
 * Appends the entry `id` of a stream again, every field (its tag too) byte for byte, as anyone
 * with access to Redis can. Resolves to the copy's id.
 */
export async function reappend(redis: Redis, key: string, id: string): Promise<string> {
  const [item] = parseStreamItems(await redis.xrangeBuffer(key, id, id))
  if (!item) throw new Error(`no entry ${id} in ${key}`)
  const copy = await redis.xadd(key, '*', ...item.fields)
  if (copy === null) throw new Error(`XADD to ${key} returned no id`)
  return copy
}

/**
 * The test as a node of its own ("ghost", holding the cluster's `secret`): publishes entries by
 * hand, alive as far as liveness checks go.
 */
export function ghostNode(redis: Redis, key: string, link: number, secret: Uint8Array) {
  return {
    /** A heartbeat as a node writes it, good for ten minutes. */
    async beAlive() {
      const now = redisTimeMs(await redis.time())
      await redis.set(nodeKey('ghost'), new HeartbeatTags(secret).value('ghost', now + 600_000), 'PX', 600_000)
    },
    publish(seq: number, kind: string, data?: Uint8Array): Promise<string | null> {
      const fields: Array<string | Buffer> = ['kind', kind, 'node', 'ghost', 'link', String(link), 'seq', String(seq)]
      if (data) fields.push('data', Buffer.from(data))
      return appendEntry(redis, key, secret, ...fields)
    },
  }
}

/**
 * A fresh cluster office with one real node that Bob watches three ways (his core, his read
 * markers, a raw copy of the document), and a ghost node on its stream that the node takes for
 * alive: the stage for entries written straight into Redis.
 */
export async function nodeWatchedByBob(fixture: ScaleOutFixture) {
  const s = await fixture.office()
  const { logger, logs } = capturedLogger()
  const node = await s.c.startNode({ logger })
  const bob = await s.core(node.url, 'bob')
  const bobsMarkers = markerClient(node.url, s.docName, await s.c.token('bob'))
  const bobsDoc = rawYjsClient(node.url, s.docName, await s.c.token('bob'))
  fixture.raws.push(bobsMarkers, bobsDoc)
  await Promise.all([bobsMarkers.opened, bobsDoc.synced])
  const ghost = ghostNode(fixture.redis, s.key, 1, s.c.secret)
  await ghost.beAlive()
  return { s, logs, node, bob, bobsMarkers, bobsDoc, ghost }
}
