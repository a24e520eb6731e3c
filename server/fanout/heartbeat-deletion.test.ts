// Heartbeat keys cannot be forged (heartbeat-tags.ts), but whoever can write to Redis can delete
// one: the other nodes then take a live node for dead. This is what happens then, and how it
// heals. Real Redis and Postgres, real nodes and sockets.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { entriesAfter, lastId } from '../testing/fanout-stream'
import { waitFor } from '../testing/harness'
import { scaleOutFixture } from '../testing/scale-out-fixture'
import { nodeKey } from './node-liveness'

const fixture = scaleOutFixture()
beforeAll(fixture.start)
afterEach(fixture.closeAll)
afterAll(fixture.stop)

describe('a live node\'s heartbeat key deleted by someone with access to Redis', () => {
  it('takes its member\'s presence down on the other node while it is deleted at every check; the real node\'s next beat brings her back there at the clock she had, before any renewal of hers', async () => {
    const s = await fixture.office()
    const [node1, node2] = await Promise.all([s.c.startNode(), s.c.startNode()])
    const before = await lastId(fixture.redis, s.key)
    const ada = await s.core(node1.url, 'ada')
    const bob = await s.core(node2.url, 'bob')
    expect(await ada.execute({ type: 'enterRoom', roomId: 'lobby' })).toEqual({ ok: true })
    const adaId = ada.awareness.clientID
    await waitFor('bob to see ada in the lobby', () => bob.awareness.getStates().get(adaId)?.room === 'lobby')
    const clock = ada.awareness.meta.get(adaId)!.clock
    const published = await entriesAfter(fixture.redis, s.key, before)
    const adasNode = published.find(({ entry }) => entry.kind === 'awareness' && entry.entries.some((state) => state.clientId === adaId))!.entry.node

    // Deleted again as soon as each delete returns: its node's beats never last until a check.
    let deleting = true
    const deleter = (async () => {
      while (deleting) await fixture.redis.del(nodeKey(adasNode))
    })()
    try {
      await waitFor('node 2 to take ada\'s node for dead while its key is deleted', () => !bob.awareness.getStates().has(adaId))
    } finally {
      deleting = false
      await deleter
    }
    // Bob's core keeps her clock with the removal, so only her next renewal shows her to him
    // again; a member who connects now holds no clock and sees what node 2 holds.
    const late = await s.stock(node2.url, 'carol')
    await waitFor('node 2 to hold ada in the lobby again', () => late.awareness.getStates().get(adaId)?.room === 'lobby')
    expect(late.awareness.getStates().get(adaId)).toEqual(ada.awareness.getLocalState())
    expect(ada.awareness.meta.get(adaId)!.clock).toBe(clock)
  })
})
