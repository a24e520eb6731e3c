import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { silentLogger } from '../observe/log'
import { waitFor } from '../testing/harness'
import { startRedis, type TestRedis } from '../testing/services'
import { HeartbeatTags, redisTimeMs } from './heartbeat-tags'
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

const secret = randomBytes(32)
const started: NodeLiveness[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((liveness) => liveness.close()))
})

/** A node's liveness whose rounds the test runs itself (tick): its first beat written, no timer. */
async function node(nodeId: string, watched: string[] = [], ttlMs = 600_000, untaggedWindowMs = 0) {
  const dead: string[][] = []
  const back: string[][] = []
  const liveness = new NodeLiveness({
    redis,
    nodeId,
    ttlMs,
    log: silentLogger,
    sharedSecret: secret,
    untaggedWindowMs,
    watched: () => watched,
    onDead: (ids) => dead.push(ids),
    onBack: (ids) => back.push(ids),
  })
  await liveness.start()
  liveness.halt()
  started.push(liveness)
  return { liveness, dead, back }
}

describe('node heartbeats', () => {
  it('a node is dead once its key is missing at two checks in a row; a key lost once (Redis restart) is not death; a live node whose key was deleted at both checks is reported back at its next beat', async () => {
    const other = await node('other')
    const watcher = await node('watcher', ['other'])
    expect(await redis.pttl(nodeKey('watcher'))).toBeGreaterThan(290_000)

    await watcher.liveness.tick()
    await redis.del(nodeKey('other'))
    await watcher.liveness.tick()
    await other.liveness.tick()
    await watcher.liveness.tick()
    expect(watcher.dead).toEqual([])

    await redis.del(nodeKey('other'))
    await watcher.liveness.tick()
    await watcher.liveness.tick()
    expect(watcher.dead).toEqual([['other']])
    expect(watcher.back).toEqual([])

    await other.liveness.tick()
    await watcher.liveness.tick()
    expect(watcher.back).toEqual([['other']])
    expect(watcher.dead).toEqual([['other']])

    await watcher.liveness.close()
    expect(await redis.exists(nodeKey('watcher'))).toBe(0)
  })

  it('a heartbeat value no node wrote for that key (another secret\'s, another node\'s copied, any text) counts as missing: two checks and the node is dead', async () => {
    await node('other')
    const watcher = await node('watcher', ['other', 'alien', 'copy', 'text'])
    const now = redisTimeMs(await redis.time())
    await redis.set(nodeKey('alien'), new HeartbeatTags(randomBytes(32)).value('alien', now + 600_000), 'PX', 600_000)
    await redis.set(nodeKey('copy'), (await redis.get(nodeKey('other')))!, 'PX', 600_000)
    await redis.set(nodeKey('text'), 'alive', 'PX', 600_000)

    await watcher.liveness.tick()
    await watcher.liveness.tick()
    expect(watcher.dead).toEqual([['alien', 'copy', 'text']])
  })

  it('a node\'s own heartbeat kept past the expiry it signed (a forged refresh: the value set again with a longer PX) counts as missing, so a dead node\'s members do not stay up', async () => {
    await node('brief', [], 40)
    const watcher = await node('watcher', ['brief'])
    const value = await redis.get(nodeKey('brief'))
    expect(value).not.toBeNull()
    await redis.set(nodeKey('brief'), value!, 'PX', 600_000)

    await waitFor('the watcher to take the node for dead', async () => {
      await watcher.liveness.tick()
      return watcher.dead.length > 0
    })
    expect(watcher.dead).toEqual([['brief']])
    expect(await redis.get(nodeKey('brief'))).toBe(value)
  })

  it('in a rolling upgrade\'s window, an untagged heartbeat (a node from before tags) keeps its node alive check after check, for liveness only: it brings no node back, a forged tagged value still counts as missing, and so does an untagged one for a node seen tagged', async () => {
    const watched = ['old', 'forged', 'upgraded', 'gone']
    const watcher = await node('watcher', watched, 600_000, 600_000)
    // What a node from before heartbeat tags writes.
    await redis.set(nodeKey('old'), 'old-host 4242', 'PX', 600_000)
    const now = redisTimeMs(await redis.time())
    await redis.set(nodeKey('forged'), new HeartbeatTags(randomBytes(32)).value('forged', now + 600_000), 'PX', 600_000)
    await node('upgraded')

    await watcher.liveness.tick()
    await redis.set(nodeKey('upgraded'), 'old-host 4243', 'PX', 600_000)
    await watcher.liveness.tick()
    await watcher.liveness.tick()
    expect(watcher.dead).toEqual([['forged', 'gone'], ['upgraded']])

    // The dead nodes' clients are gone, so they are no longer watched (as RedisFanout does); one
    // whose key turns up untagged is not back: no presence is asked for.
    watched.splice(0, watched.length, 'old')
    await redis.set(nodeKey('gone'), 'old-host 4244', 'PX', 600_000)
    for (let check = 0; check < 4; check++) await watcher.liveness.tick()
    expect(watcher.back).toEqual([])
    expect(watcher.dead).toEqual([['forged', 'gone'], ['upgraded']])
  })

  it('once the upgrade window has passed (Redis\'s clock), an untagged heartbeat counts as missing again: two checks and its node is dead', async () => {
    const watcher = await node('watcher', ['old'], 600_000, 1)
    const started = redisTimeMs(await redis.time())
    await redis.set(nodeKey('old'), 'old-host 4242', 'PX', 600_000)
    await waitFor('Redis\'s clock to pass the window', async () => redisTimeMs(await redis.time()) > started + 1)

    await watcher.liveness.tick()
    await watcher.liveness.tick()
    expect(watcher.dead).toEqual([['old']])
  })
})
