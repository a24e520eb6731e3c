import { hostname } from 'node:os'
import type { Redis } from 'ioredis'
import type { Logger } from '../observe/log'

export const nodeKey = (nodeId: string) => `hallway:node:${nodeId}`

export interface NodeLivenessOptions {
  redis: Redis
  nodeId: string
  /** A node is taken for dead at most this long after it stops beating. */
  ttlMs: number
  log: Logger
  /** The other nodes this node currently relies on (they own awareness states it shows). */
  watched(): Iterable<string>
  onDead(nodeIds: string[]): void
}

/**
 * Heartbeats: every TTL/4 a node renews `hallway:node:<id>` (expiring after TTL/2) and checks the
 * keys of the nodes it watches. A node is dead once its key is missing at two checks in a row, so
 * at most TTL/2 + 2·TTL/4 = TTL after it stopped; a key lost on its own (Redis restarted) is
 * back by the second check, since its node beats in between.
 */
export class NodeLiveness {
  private timer: ReturnType<typeof setInterval> | null = null
  private ticking = false
  private readonly misses = new Map<string, number>()

  constructor(private readonly options: NodeLivenessOptions) {}

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
      if (watched.length === 0) return
      const pipeline = this.options.redis.pipeline()
      for (const id of watched) pipeline.exists(nodeKey(id))
      const results = (await pipeline.exec()) ?? []
      const dead: string[] = []
      watched.forEach((id, i) => {
        const alive = results[i]?.[1] !== 0
        const misses = alive ? 0 : (this.misses.get(id) ?? 0) + 1
        if (misses >= 2) dead.push(id)
        if (misses === 0 || misses >= 2) this.misses.delete(id)
        else this.misses.set(id, misses)
      })
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

  private beat(): Promise<unknown> {
    const ttl = Math.max(20, Math.floor(this.options.ttlMs / 2))
    return this.options.redis.set(nodeKey(this.options.nodeId), `${hostname()} ${process.pid}`, 'PX', ttl)
  }
}
