// A node's drain, as the members of another node of the cluster see it: the drained members are
// coming back, so their leave is held there too; a real leave still crosses at once.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { encodeAwarenessEntries } from '../../shared/contract/awareness-update'
import { ghostNode } from '../testing/fanout-stream'
import { waitFor } from '../testing/harness'
import { pausableProxy } from '../testing/pausable-proxy'
import { scaleOutFixture } from '../testing/scale-out-fixture'
import { drainLeaveData } from './stream-entry'

const fixture = scaleOutFixture()
beforeAll(fixture.start)
afterEach(fixture.closeAll)
afterAll(fixture.stop)

describe("a node's drain, seen from another node", () => {
  it("keeps the drained members where they were for the other node's members while they come back; one cut at the grace who does not come back goes when the hold ends; a real leave crosses at once", async () => {
    // Node A is not taken for dead within this test (two missed checks 15 s apart): whoever goes,
    // goes by a leave, not because their node died.
    const s = await fixture.office({ heartbeatTtlMs: 60_000 })
    const nodeA = await s.c.startNode({ drainWindowMs: 0, drainGraceMs: 300 })
    const nodeB = await s.c.startNode()
    const proxy = await pausableProxy(nodeA.port)
    const ada = await s.stock(nodeA.url, 'ada')
    const bob = await s.stock(proxy.url, 'bob')
    const carol = await s.stock(nodeB.url, 'carol')
    ada.awareness.setLocalState({ user: 'ada', room: 'lobby' })
    bob.awareness.setLocalState({ user: 'bob', room: 'lobby' })
    const adaId = ada.awareness.clientID
    const bobId = bob.awareness.clientID
    await waitFor('carol on node B to see ada and bob in the lobby', () => [adaId, bobId].every((id) => carol.awareness.getStates().get(id)?.room === 'lobby'))
    const removedAtCarol: number[] = []
    carol.awareness.on('change', ({ removed }: { removed: number[] }) => removedAtCarol.push(...removed))

    // Bob stops reading: he never answers his 1012, and the drain cuts him at its grace.
    proxy.pause()
    // Each 1012 names a 6 s wait for the successor: the hold is that, the comeback window and 3 s
    // (comebackHoldMs), about 9.5 s, so bob is still held when ada's real leave arrives below.
    await nodeA.close({ restartMs: 6000 })
    // Bob quits during the deploy: with nothing listening on A's port, his provider never got back in.
    bob.destroy()
    await proxy.close()
    await s.c.startNode({ port: nodeA.port })
    await waitFor('ada back on the restarted node A', () => ada.synced)
    ada.awareness.setLocalStateField('room', 'kitchen')
    await waitFor('carol to see ada walk to the kitchen from the restarted node', () => carol.awareness.getStates().get(adaId)?.room === 'kitchen')
    expect(removedAtCarol).toEqual([])
    expect(carol.awareness.getStates().get(bobId)?.room).toBe('lobby')

    // A real leave is not held.
    ada.destroy()
    await waitFor("carol to see ada's leave", () => removedAtCarol.includes(adaId))
    expect(carol.awareness.getStates().has(bobId)).toBe(true)

    await waitFor('carol to see bob go once his hold is over', () => removedAtCarol.includes(bobId), 20_000)
    expect(removedAtCarol).toEqual([adaId, bobId])
  })

  it("takes a drain's leave only for clients the draining node publishes: one naming another node's client changes nothing", async () => {
    const s = await fixture.office()
    const [nodeA, nodeB] = await Promise.all([s.c.startNode(), s.c.startNode()])
    const ada = await s.stock(nodeA.url, 'ada')
    ada.awareness.setLocalState({ user: 'ada', room: 'lobby' })
    const adaId = ada.awareness.clientID
    const carol = await s.stock(nodeB.url, 'carol')
    await waitFor('carol on node B to see ada in the lobby', () => carol.awareness.getStates().get(adaId)?.room === 'lobby')
    const ghost = ghostNode(fixture.redis, s.key, 1, s.c.secret)
    await ghost.beAlive()
    const clock = ada.awareness.meta.get(adaId)!.clock
    await ghost.publish(1, 'drain-leave', drainLeaveData(9000, encodeAwarenessEntries([{ clientId: adaId, clock, state: null }])))
    // Entries are read in order: once this one shows on node B, the leave above was handled.
    await ghost.publish(2, 'awareness', encodeAwarenessEntries([{ clientId: 9001, clock: 1, state: { user: 'erin' } }]))
    await waitFor('carol to see erin', () => carol.awareness.getStates().has(9001))
    // Taken as a leave, ada would be missing from the presence node B sends whoever joins now.
    const dave = await s.stock(nodeB.url, 'dave')
    expect(dave.awareness.getStates().has(9001)).toBe(true)
    expect(dave.awareness.getStates().get(adaId)?.room).toBe('lobby')
  })
})
