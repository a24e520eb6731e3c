import type { WebsocketProvider } from 'y-websocket'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { teamDocName } from '../../shared/contract/doc-names'
import type { PresenceCore } from '../../shared/core/engine'
import { initialPresence } from '../../shared/core/presence'
import { MemoryStorage } from '../../shared/core/storage-port'
import { TeamDoc } from '../../shared/model/team-doc'
import { openCore, openProvider, removeTempDirs, waitFor } from '../testing/harness'
import { createCluster, startNodeProcess, startServices, type NodeProcess, type TestCluster, type TestServices } from '../testing/cluster'

const HEARTBEAT_TTL_MS = 1500

let services: TestServices | null = null
let cluster: TestCluster | null = null
const nodes: NodeProcess[] = []
const cores: PresenceCore[] = []
let stock: WebsocketProvider | null = null
afterAll(async () => {
  stock?.destroy()
  await Promise.all(cores.map((core) => core.close()))
  await Promise.all(nodes.map((node) => node.kill('SIGKILL')))
  await cluster?.close()
  await services?.stop()
  removeTempDirs()
})

const names = (core: PresenceCore) => Object.values(core.view().rooms).map((room) => room.name)
const online = (core: PresenceCore) => core.view().connection.state === 'online'

async function storedRoomNames(c: TestCluster): Promise<string[]> {
  const doc = new Y.Doc()
  for (const update of await c.store.load(teamDocName(c.teamId))) Y.applyUpdate(doc, update)
  const team = new TeamDoc(doc)
  return team.roomIds().map((id) => team.room(id)?.name ?? '')
}

describe('scale-out failover', () => {
  it('node 1 hangs, then dies by SIGKILL: clients stuck on it leave node 2 by heartbeat expiry; its clients move to node 2 and re-send what node 1 never read', async () => {
    services = await startServices()
    cluster = await createCluster(services, { heartbeatTtlMs: HEARTBEAT_TTL_MS })
    const c = cluster
    // Node 1 is a real process so it can be frozen and killed; node 2 runs in this process.
    const [node1, node2] = await Promise.all([startNodeProcess(c.scaleOut), c.startNode()])
    nodes.push(node1)

    // Ada's app knows both nodes; Bob is on node 2; Cy is a stock client that only knows node 1.
    const ada = await openCore(node1.url, await c.token('ada', 'admin'), new MemoryStorage(), 'bot', [node2.url])
    cores.push(ada)
    const bob = await openCore(node2.url, await c.token('bob'))
    cores.push(bob)
    stock = openProvider(node1.url, teamDocName(c.teamId), await c.token('cy'))
    stock.awareness.setLocalState({ ...initialPresence('cy', 'User cy', 'web'), room: 'kitchen' })
    await Promise.all([ada.whenSynced(), bob.whenSynced()])
    await ada.execute({ type: 'enterRoom', roomId: 'lobby' })
    await waitFor('bob to see ada in the lobby and cy in the kitchen', () => {
      const rooms = bob.view().rooms
      return rooms.lobby?.occupants.includes('ada') && rooms.kitchen?.occupants.includes('cy')
    })

    const relayed = Array.from({ length: 10 }, (_, i) => `Relayed ${i + 1}`)
    for (const name of relayed) expect(await ada.execute({ type: 'createRoom', name, kind: 'open' })).toEqual({ ok: true })
    await waitFor('bob to have the rooms node 1 relayed', () => relayed.every((name) => names(bob).includes(name)))

    // Frozen, node 1 keeps its sockets open but reads nothing: what ada writes now it never gets.
    node1.child.kill('SIGSTOP')
    const unread = Array.from({ length: 10 }, (_, i) => `Unread ${i + 1}`)
    for (const name of unread) expect(await ada.execute({ type: 'createRoom', name, kind: 'open' })).toEqual({ ok: true })
    expect((await storedRoomNames(c)).filter((name) => unread.includes(name))).toEqual([])
    // Node 1 cannot send cy's removal; only its heartbeat running out takes cy off node 2.
    await waitFor('cy to leave bob\'s office', () => !bob.view().rooms.kitchen?.occupants.includes('cy'))
    expect(node1.child.exitCode === null && node1.child.signalCode === null).toBe(true)

    await node1.kill('SIGKILL')
    await waitFor('ada online again (on node 2)', () => online(ada))
    // Only ada's re-send on reconnecting can bring these: node 1 never read them.
    await waitFor('bob to have the rooms node 1 never read', () => unread.every((name) => names(bob).includes(name)))
    expect(names(bob)).toEqual(expect.arrayContaining(relayed))
    // Ada moved to node 2 and re-announced herself there, so node 1's death does not take her down.
    await waitFor('bob to see ada in the lobby again', () => bob.view().rooms.lobby?.occupants.includes('ada'))
    expect(await bob.execute({ type: 'enterRoom', roomId: 'lobby' })).toEqual({ ok: true })
    await waitFor('ada to see bob join her', () => ada.view().rooms.lobby?.occupants.includes('bob'))

    // Everything is in Postgres too.
    await ada.flushed()
    await waitFor('every room stored', async () => {
      const stored = await storedRoomNames(c)
      return [...relayed, ...unread].every((name) => stored.includes(name))
    })
  })
})
