import { randomBytes } from 'node:crypto'
import * as encoding from 'lib0/encoding'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { teamDocName } from '../../shared/contract/doc-names'
import type { PresenceCore } from '../../shared/core/engine'
import { initialPresence } from '../../shared/core/presence'
import { seedTeam } from '../admin/teams'
import { docStreamKey } from './redis-fanout'
import { encodeAwareness } from '../sync/protocol'
import { appendEntry } from '../testing/fanout-stream'
import { openCore, rawClient, waitFor } from '../testing/harness'
import { scaleOutFixture } from '../testing/scale-out-fixture'

const fixture = scaleOutFixture()
const { raws, cores } = fixture
beforeAll(fixture.start)
afterEach(fixture.closeAll)
afterAll(fixture.stop)

/** Two nodes, Ada on node 1 in the lobby, Bob on node 2 seeing her. */
async function twoNodes() {
  const c = await fixture.cluster()
  const [node1, node2] = await Promise.all([c.startNode(), c.startNode()])
  const ada = await openCore(node1.url, await c.token('ada', 'admin'))
  const bob = await openCore(node2.url, await c.token('bob'))
  cores.push(ada, bob)
  await Promise.all([ada.whenSynced(), bob.whenSynced()])
  await ada.execute({ type: 'enterRoom', roomId: 'lobby' })
  await waitFor('bob to see ada in the lobby', () => bob.view().rooms.lobby?.occupants.includes('ada'))
  return { c, node1, node2, ada, bob }
}

function awarenessFrame(entries: Array<{ clientId: number; clock: number; state: unknown }>): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, JSON.stringify(entry.state))
  }
  return encodeAwareness(encoding.toUint8Array(encoder))
}

const names = (core: PresenceCore) => Object.values(core.view().rooms).map((room) => room.name)

describe('scale-out fan-out under faults', () => {
  it('skips garbage in a document stream; a gap in a sender\'s entries makes nodes reload what they missed from Postgres', async () => {
    const { c, ada, bob } = await twoNodes()
    const key = docStreamKey(teamDocName(c.teamId))
    const ghost = (seq: number, ...more: Array<string | Buffer>) => ['node', 'ghost', 'link', '1', 'seq', String(seq), ...more]
    // Garbage from a node that holds the secret: tagged, so it is the decoding that skips it.
    const append = (...fields: Array<string | Buffer>) => appendEntry(fixture.redis, key, c.secret, ...fields)
    await append(...ghost(1, 'kind', 'update', 'data', randomBytes(64)))
    await append('kind', 'awareness', 'data', Buffer.from('not an awareness update'))
    await append(...ghost(2, 'kind', 'awareness', 'data', Buffer.from([1, 9, 1, 3, 123, 120, 120])))
    await append(...ghost(3, 'kind', 'query'))

    // A node stored this but its publish never made it (say Redis was down): only a gap tells.
    await seedTeam(c.store, c.teamId, { members: 1, rooms: 1 })
    await append(...ghost(5, 'kind', 'query'))
    await waitFor('both clients to get the unpublished room from the store', () => names(ada).includes('Atrium') && names(bob).includes('Atrium'))

    expect(await bob.execute({ type: 'enterRoom', roomId: 'kitchen' })).toEqual({ ok: true })
    await waitFor('the nodes to carry on as before', () => ada.view().rooms.kitchen?.occupants.includes('bob'))
  })

  it('Redis restarts mid-session (every stream and key lost): nodes carry on, edits made meanwhile arrive, nobody is taken for dead', async () => {
    const { ada, bob } = await twoNodes()
    let adaVanished = false
    bob.subscribe((view) => {
      if (!view.rooms.lobby?.occupants.includes('ada')) adaVanished = true
    })
    const outage = fixture.services.redis.restart()
    expect(await ada.execute({ type: 'createRoom', name: 'During Outage', kind: 'open' })).toEqual({ ok: true })
    await outage
    expect(await ada.execute({ type: 'createRoom', name: 'After Outage', kind: 'open' })).toEqual({ ok: true })
    await waitFor('bob to get both rooms', () => names(bob).includes('During Outage') && names(bob).includes('After Outage'), 15_000)
    expect(await bob.execute({ type: 'enterRoom', roomId: 'kitchen' })).toEqual({ ok: true })
    await waitFor('presence to flow again', () => ada.view().rooms.kitchen?.occupants.includes('bob'), 15_000)
    expect(adaVanished).toBe(false)
  })

  it('a member on node 2 cannot remove or take over the presence of a member on node 1', async () => {
    const { c, node2, ada, bob } = await twoNodes()
    let adaVanished = false
    bob.subscribe((view) => {
      if (!view.rooms.lobby?.occupants.includes('ada')) adaVanished = true
    })
    const adaId = ada.awareness.clientID
    const adaClock = bob.awareness.meta.get(adaId)!.clock
    const mallory = rawClient(node2.url, teamDocName(c.teamId), await c.token('bob'))
    raws.push(mallory)
    await mallory.opened
    mallory.ws.send(awarenessFrame([{ clientId: adaId, clock: adaClock, state: null }]))
    mallory.ws.send(awarenessFrame([{ clientId: adaId, clock: adaClock + 5, state: { ...initialPresence('bob', 'Bob', 'web'), room: 'focus' } }]))
    // Frames on one socket are handled in order: once this one shows, the two above were handled.
    mallory.ws.send(awarenessFrame([{ clientId: 424242, clock: 1, state: { ...initialPresence('bob', 'Bob', 'web'), room: 'kitchen' } }]))
    await waitFor('ada to see bob\'s second device in the kitchen', () => ada.view().rooms.kitchen?.occupants.includes('bob'))

    expect(adaVanished).toBe(false)
    expect(bob.view().rooms.lobby?.occupants).toContain('ada')
    expect(ada.awareness.getStates().get(adaId)).toMatchObject({ user: 'ada', room: 'lobby' })
  })
})
