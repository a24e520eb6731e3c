import { hostname } from 'node:os'
import type { Redis } from 'ioredis'
import type { Logger } from '../log'

export const nodeKey = (nodeId: string) => `hallway:node:${nodeId}`

export interface NodeLivenessOptions {
  redis: Redis
  nodeId: string
  /** A node whose heartbeat key has not been renewed for this long counts as dead. */
  ttlMs: number
  log: Logger
  /** The other nodes this node currently relies on (they own awareness states it shows). */
  watched(): Iterable<string>
  onDead(nodeIds: string[]): void
}

/**
 * Each node renews `hallway:node:<id>` (with a TTL) every third of the TTL and checks the keys of
 * the nodes it watches as often: a node that died without a word (SIGKILL, lost host) is noticed
 * at most about 1⅓ TTL after its last heartbeat, and its clients' presence is taken down.
 */
export class NodeLiveness {
  private timer: ReturnType<typeof setInterval> | null = null
  private ticking = false

  constructor(private readonly options: NodeLivenessOptions) {}

  /** Writes the first heartbeat before anything is published, so no one thinks this node dead. */
  async start(): Promise<void> {
    await this.beat()
    this.timer = setInterval(() => void this.tick(), Math.max(10, Math.floor(this.options.ttlMs / 3)))
    this.timer.unref()
  }

  /** Stops beating and removes the key: the others stop relying on this node at their next check. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.options.redis.del(nodeKey(this.options.nodeId)).catch(() => {})
  }

  private beat(): Promise<unknown> {
    return this.options.redis.set(nodeKey(this.options.nodeId), `${hostname()} ${process.pid}`, 'PX', this.options.ttlMs)
  }

  private async tick(): Promise<void> {
    if (this.ticking) return
    this.ticking = true
    try {
      await this.beat()
      const watched = [...new Set(this.options.watched())]
      if (watched.length === 0) return
      const pipeline = this.options.redis.pipeline()
      for (const id of watched) pipeline.exists(nodeKey(id))
      const results = (await pipeline.exec()) ?? []
      const dead = watched.filter((_, i) => results[i]?.[1] === 0)
      if (dead.length > 0) {
        this.options.log.info('nodes stopped beating; removing their clients\' presence', { nodes: dead })
        this.options.onDead(dead)
      }
    } catch (error) {
      this.options.log.warn('node heartbeat failed', { error })
    } finally {
      this.ticking = false
    }
  }
}
