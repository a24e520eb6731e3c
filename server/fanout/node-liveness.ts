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
}

/** Checks a node taken for dead is still looked for: its next beat, if it lives, comes within one. */
const CHECKS_AFTER_DEATH = 8

/**
 * Heartbeats: every TTL/4 a node renews `hallway:node:<id>` (expiring after TTL/2, with a tagged
 * value: HeartbeatTags) and checks the keys of the nodes it watches. A node is dead once its key
 * is missing, or not a live node's, at two checks in a row, so at most TTL/2 + 2·TTL/4 = TTL
 * after it stopped; a key lost on its own (Redis restarted) is back by the second check, since its
 * node beats in between. A key deleted at both checks makes a live node dead: it is looked for a
 * few checks more, and when it beats again `onBack` lets its members' presence be asked for.
 */
export class NodeLiveness {
  private timer: ReturnType<typeof setInterval> | null = null
  private ticking = false
  private readonly misses = new Map<string, number>()
  /** Nodes taken for dead → checks left to look for their return. */
  private readonly departed = new Map<string, number>()
  private readonly tags: HeartbeatTags

  constructor(private readonly options: NodeLivenessOptions) {
    this.tags = new HeartbeatTags(options.sharedSecret)
  }

  /** Writes the first heartbeat before anything is published, so no one takes this node for dead. */
  async start(): Promise<void> {
    await this.beat()
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
      for (const id of this.departed.keys()) {
        const left = this.departed.get(id)! - 1
        if (alive.has(id)) back.push(id)
        if (alive.has(id) || left === 0) this.departed.delete(id)
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

  /** Which of `ids` hold a heartbeat their node wrote, unexpired by Redis's clock. */
  private async aliveNow(ids: readonly string[]): Promise<Set<string>> {
    const pipeline = this.options.redis.pipeline().time()
    for (const id of ids) pipeline.get(nodeKey(id))
    const results = (await pipeline.exec()) ?? []
    const failed = results.find(([error]) => error)?.[0]
    if (failed) throw failed
    const now = redisTimeMs(results[0]![1])
    const alive = new Set<string>()
    ids.forEach((id, i) => {
      const value = results[i + 1]![1] as string | null
      if (this.tags.alive(id, value, now)) alive.add(id)
      else if (value !== null) this.options.log.warn('heartbeat key not written by its node, or kept past its expiry; taken as missing', { node: id })
    })
    return alive
  }

  private async beat(): Promise<void> {
    const ttl = Math.max(20, Math.floor(this.options.ttlMs / 2))
    const now = redisTimeMs(await this.options.redis.time())
    await this.options.redis.set(nodeKey(this.options.nodeId), this.tags.value(this.options.nodeId, now + ttl), 'PX', ttl)
  }
}
