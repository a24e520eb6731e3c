// A rolling upgrade from nodes that predate heartbeat tags: a new node meets their untagged
// heartbeats beside their (tagged) entries. Real Redis and Postgres, a real node and core; the old
// nodes are written by hand, as they write to Redis.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { encodeAwarenessEntries } from '../../shared/contract/awareness-update'
import { initialPresence } from '../../shared/core/presence'
import { capturedLogger } from '../testing/captured-log'
import { appendEntry, ghostNode } from '../testing/fanout-stream'
import { waitFor } from '../testing/harness'
import { scaleOutFixture } from '../testing/scale-out-fixture'
import { nodeKey } from './node-liveness'

const fixture = scaleOutFixture()
beforeAll(fixture.start)
afterEach(fixture.closeAll)
afterAll(fixture.stop)

const presenceOf = (clientId: number, user: string) => encodeAwarenessEntries([{ clientId, clock: 1, state: { ...initialPresence(user, user, 'web'), room: 'kitchen' } }])

/**
 * A new node (with `untaggedHeartbeatWindowMs`) that Bob watches; an old node ("ghost", beating
 * `<host> <pid>` as nodes before tags did) whose member Erin Bob sees; then a node with no
 * heartbeat at all whose member Frank Bob sees, until the node takes it for dead. Erin was
 * watched first, so were her node taken as missing she would be gone by the time Frank is.
 */
async function oldNodeBesideNew(untaggedHeartbeatWindowMs: number) {
  const s = await fixture.office()
  const { logger, logs } = capturedLogger()
  const node = await s.c.startNode({ logger, scaleOut: { ...s.c.scaleOut, untaggedHeartbeatWindowMs } })
  const bob = await s.core(node.url, 'bob')
  const [erin, frank] = [9201, 9202]
  await fixture.redis.set(nodeKey('ghost'), 'old-host 4242', 'PX', 600_000)
  await ghostNode(fixture.redis, s.key, 1, s.c.secret).publish(1, 'awareness', presenceOf(erin, 'erin'))
  await waitFor('bob to see erin, on the old node', () => bob.awareness.getStates().has(erin))
  await appendEntry(fixture.redis, s.key, s.c.secret, 'kind', 'awareness', 'node', 'silent', 'link', '1', 'seq', '1', 'data', Buffer.from(presenceOf(frank, 'frank')))
  await waitFor('bob to see frank, on the node with no heartbeat', () => bob.awareness.getStates().has(frank))
  await waitFor('the node to take frank\'s node for dead', () => !bob.awareness.getStates().has(frank))
  return { bob, erin, logs }
}

describe('untagged heartbeats of nodes from before heartbeat tags', () => {
  it('by default count as missing, as any value that does not verify: a live old node is taken for dead and its member\'s presence is taken down on the new node', async () => {
    const { bob, erin, logs } = await oldNodeBesideNew(0)
    expect(bob.awareness.getStates().has(erin)).toBe(false)
    expect(logs.some((line) => line.msg === 'heartbeat key not written by its node, or kept past its expiry; taken as missing')).toBe(true)
  })

  it('within HALLWAY_UNTAGGED_HEARTBEAT_WINDOW_MS keep the old node alive: its member stays while a node with no heartbeat is taken for dead, and the acceptance is logged once', async () => {
    const { bob, erin, logs } = await oldNodeBesideNew(600_000)
    expect(bob.awareness.getStates().get(erin)).toMatchObject({ user: 'erin', room: 'kitchen' })
    expect(logs.filter((line) => line.msg === 'untagged heartbeat (a node from before heartbeat tags) taken as alive in the upgrade window')).toHaveLength(1)
  })
})
