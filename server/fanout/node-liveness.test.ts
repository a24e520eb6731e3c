import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { silentLogger } from '../observe/log'
import { startRedis, type TestRedis } from '../testing/services'
import { NodeLiveness, nodeKey } from './node-liveness'

let server: TestRedis
let redis: Redis
beforeAll(async () => {
  server = await startRedis()
  redis = new Redis(server.url)
})
afterAll(async () => {
  redis?.disconnect()
  await server?.stop()
})

describe('node heartbeats', () => {
  it('a node is dead once its key is missing at two checks in a row; a key lost once (Redis restart) is not death', async () => {
    const dead: string[][] = []
    // A TTL this long keeps the timer out of the way: the test runs the rounds itself.
    const watcher = new NodeLiveness({ redis, nodeId: 'watcher', ttlMs: 600_000, log: silentLogger, watched: () => ['other'], onDead: (ids) => dead.push(ids) })
    await watcher.start()
    expect(await redis.pttl(nodeKey('watcher'))).toBeGreaterThan(290_000)
    const beat = () => redis.set(nodeKey('other'), 'x', 'PX', 300_000)

    await beat()
    await watcher.tick()
    await redis.del(nodeKey('other'))
    await watcher.tick()
    await beat()
    await watcher.tick()
    expect(dead).toEqual([])

    await redis.del(nodeKey('other'))
    await watcher.tick()
    await watcher.tick()
    expect(dead).toEqual([['other']])

    await watcher.close()
    expect(await redis.exists(nodeKey('watcher'))).toBe(0)
  })
})
