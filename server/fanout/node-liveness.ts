import type { Redis } from 'ioredis'
import type { Logger } from '../observe/log'
import { HeartbeatTags, redisTimeMs } from './heartbeat-tags'

export const nodeKey = (nodeId: string) => `hallway:node:${nodeId}`

export interface NodeLivenessOptions {
  redis: Redis
  nodeId: string
  /** A node is taken for dead at most this long after it stops beating. */
  ttlMs: number
  log: Logger
  /** The token signing secret every node shares: heartbeats are tagged with a key derived from it (HeartbeatTags). */
  sharedSecret: Uint8Array
  /** The other nodes this node currently relies on (they own awareness states it shows). */
  watched(): Iterable<string>
  onDead(nodeIds: string[]): void
  /** Nodes taken for dead that beat again soon after (their key was deleted, not their process). */
  onBack(nodeIds: string[]): void
  /**
   * A rolling upgrade from nodes that predate heartbeat tags: for this long after this node
   * starts (Redis's clock), an untagged heartbeat keeps its node alive (0 or absent: never).
   */
  untaggedWindowMs?: number
}

/** How a watched node's heartbeat read at a check: tagged by a node, or untagged but accepted in the upgrade window. */
type Beat = 'tagged' | 'untagged'

/** Checks a node taken for dead is still looked for: its next beat, if it lives, comes within one. */
const CHECKS_AFTER_DEATH = 8

/**
 * Heartbeats: every TTL/4 a node renews `hallway:node:<id>` (expiring after TTL/2, with a tagged
 * value: HeartbeatTags) and checks the keys of the nodes it watches. A node is dead once its key
 * is missing, or not a live node's, at two checks in a row, so at most TTL/2 + 2·TTL/4 = TTL
 * after it stopped; a key lost on its own (Redis restarted) is back by the second check, since its
 * node beats in between. A key deleted at both checks makes a live node dead: it is looked for a
 * few checks more, and when it beats again `onBack` lets its members' presence be asked for.
 *
 * In a rolling upgrade from nodes that predate heartbeat tags (`untaggedWindowMs`), an untagged
 * value keeps its node alive until the window ends, for liveness only: it never brings a node
 * taken for dead back (no presence is asked for), entries still need their tags, a value in the
 * tagged form must verify, and a node once seen tagged is held to tags.
 */
export class NodeLiveness {
  private timer: ReturnType<typeof setInterval> | null = null
  private ticking = false
  private readonly misses = new Map<string, number>()
  /** Nodes taken for dead → checks left to look for their return. */
  private readonly departed = new Map<string, number>()
  private readonly tags: HeartbeatTags
  /** Redis time until which untagged heartbeats count (set by the first beat); 0: they never do. */
  private untaggedUntil = 0
  /** Nodes seen with a tagged heartbeat during the upgrade window: an untagged value for one of them is not its own. */
  private readonly seenTagged = new Set<string>()
  /** Nodes whose untagged heartbeat was accepted (logged once each). */
  private readonly seenUntagged = new Set<string>()

  constructor(private readonly options: NodeLivenessOptions) {
    this.tags = new HeartbeatTags(options.sharedSecret)
  }

  /** Writes the first heartbeat before anything is published, so no one takes this node for dead. */
  async start(): Promise<void> {
    const now = await this.beat()
    if (this.options.untaggedWindowMs) this.untaggedUntil = now + this.options.untaggedWindowMs
    this.timer = setInterval(() => void this.tick(), Math.max(10, Math.floor(this.options.ttlMs / 4)))
    this.timer.unref()
  }

  /** Stops beating and removes the key: the others stop relying on this node soon after. */
  async close(): Promise<void> {
    this.halt()
    await this.options.redis.del(nodeKey(this.options.nodeId)).catch(() => {})
  }

  /** Stops beating, leaving the key to expire (Redis unreachable). */
  halt(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** One round: renew this node's key, then check the watched ones (the timer runs it every TTL/4). */
  async tick(): Promise<void> {
    if (this.ticking) return
    this.ticking = true
    try {
      await this.beat()
      const watched = [...new Set(this.options.watched())]
      for (const id of this.misses.keys()) if (!watched.includes(id)) this.misses.delete(id)
      const checked = [...new Set([...watched, ...this.departed.keys()])]
      if (checked.length === 0) return
      const alive = await this.aliveNow(checked)
      const dead: string[] = []
      const back: string[] = []
      // Only a tagged beat brings a node back (and makes every node re-send its presence).
      for (const id of this.departed.keys()) {
        const left = this.departed.get(id)! - 1
        const returned = alive.get(id) === 'tagged'
        if (returned) back.push(id)
        if (returned || left === 0) this.departed.delete(id)
        else this.departed.set(id, left)
      }
      for (const id of watched) {
        const misses = alive.has(id) ? 0 : (this.misses.get(id) ?? 0) + 1
        if (misses >= 2) dead.push(id)
        if (misses === 0 || misses >= 2) this.misses.delete(id)
        else this.misses.set(id, misses)
      }
      if (dead.length > 0) {
        this.options.log.info('nodes stopped beating; removing their clients\' presence', { nodes: dead })
        for (const id of dead) this.departed.set(id, CHECKS_AFTER_DEATH)
        this.options.onDead(dead)
      }
      if (back.length > 0) {
        this.options.log.warn('nodes taken for dead beat again (their heartbeat key was lost or deleted); asking for presence', { nodes: back })
        this.options.onBack(back)
      }
    } catch (error) {
      this.options.log.warn('node heartbeat failed', { error })
    } finally {
      this.ticking = false
    }
  }

  /** Which of `ids` hold a heartbeat their node wrote, unexpired by Redis's clock (or an untagged one, in the upgrade window). */
  private async aliveNow(ids: readonly string[]): Promise<Map<string, Beat>> {
    const pipeline = this.options.redis.pipeline().time()
    for (const id of ids) pipeline.get(nodeKey(id))
    const results = (await pipeline.exec()) ?? []
    const failed = results.find(([error]) => error)?.[0]
    if (failed) throw failed
    const now = redisTimeMs(results[0]![1])
    if (now >= this.untaggedUntil) {
      this.seenTagged.clear()
      this.seenUntagged.clear()
    }
    const alive = new Map<string, Beat>()
    ids.forEach((id, i) => {
      const beat = this.beatIn(id, results[i + 1]![1] as string | null, now)
      if (beat) alive.set(id, beat)
    })
    return alive
  }

  /** What `id`'s heartbeat key value (null: none) says at Redis time `now`; null: missing. */
  private beatIn(id: string, value: string | null, now: number): Beat | null {
    const inWindow = now < this.untaggedUntil
    if (this.tags.alive(id, value, now)) {
      if (inWindow) this.seenTagged.add(id)
      return 'tagged'
    }
    if (value === null) return null
    if (inWindow && this.tags.untagged(value) && !this.seenTagged.has(id)) {
      if (!this.seenUntagged.has(id)) this.options.log.warn('untagged heartbeat (a node from before heartbeat tags) taken as alive in the upgrade window', { node: id, windowEndsInMs: this.untaggedUntil - now })
      this.seenUntagged.add(id)
      return 'untagged'
    }
    this.options.log.warn('heartbeat key not written by its node, or kept past its expiry; taken as missing', { node: id })
    return null
  }

  /** Renews this node's key; resolves to Redis's time when it did. */
  private async beat(): Promise<number> {
    const ttl = Math.max(20, Math.floor(this.options.ttlMs / 2))
    const now = redisTimeMs(await this.options.redis.time())
    await this.options.redis.set(nodeKey(this.options.nodeId), this.tags.value(this.options.nodeId, now + ttl), 'PX', ttl)
    return now
  }
}
