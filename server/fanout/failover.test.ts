import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { teamDocName } from '../../shared/contract/doc-names'
import { PresenceCore } from '../../shared/core/engine'
import type { SocketConstructor } from '../../shared/core/jittered-socket'
import { initialPresence } from '../../shared/core/presence'
import { MemoryStorage } from '../../shared/core/storage-port'
import { TeamDoc } from '../../shared/model/team-doc'
import { openCore, removeTempDirs, waitFor } from '../testing/harness'
import { createCluster, startNodeProcess, startServices, type NodeProcess, type TestCluster, type TestServices } from '../testing/cluster'

const HEARTBEAT_TTL_MS = 1500

let services: TestServices | null = null
let cluster: TestCluster | null = null
const nodes: NodeProcess[] = []
const cores: PresenceCore[] = []
let stock: WebsocketProvider | null = null
afterAll(async () => {
  stock?.destroy()
  await Promise.all(cores.map((core) => core.destroy()))
  await Promise.all(nodes.map((node) => node.kill('SIGKILL')))
  await cluster?.close()
  await services?.stop()
  removeTempDirs()
})

const names = (core: PresenceCore) => Object.values(core.view().rooms).map((room) => room.name)
const online = (core: PresenceCore) => core.view().connection.state === 'online'

describe('scale-out failover', () => {
  it('SIGKILL node 1: its clients move to node 2 with nothing lost; presence of clients stuck on node 1 goes within the heartbeat TTL', async () => {
    services = await startServices()
    cluster = await createCluster(services, { heartbeatTtlMs: HEARTBEAT_TTL_MS })
    const c = cluster
    // Node 1 is a real process so it can die by SIGKILL; node 2 runs in this process.
    const [node1, node2] = await Promise.all([startNodeProcess(c.scaleOut), c.startNode()])
    nodes.push(node1)

    // Ada's app knows both nodes; Bob is on node 2; Cy is a stock client that only knows node 1.
    const ada = await PresenceCore.open({
      serverUrl: node1.url,
      fallbackServerUrls: [node2.url],
      token: await c.token('ada', 'admin'),
      storage: new MemoryStorage(),
      WebSocket: WebSocket as unknown as SocketConstructor,
      device: 'bot',
      backoff: { baseMs: 20, capMs: 200, drainAttempt: 1 },
    })
    cores.push(ada)
    const bob = await openCore(node2.url, await c.token('bob'))
    cores.push(bob)
    stock = new WebsocketProvider(node1.url.replace(/^http/, 'ws') + '/sync', teamDocName(c.teamId), new Y.Doc(), {
      params: { token: await c.token('cy') },
      WebSocketPolyfill: WebSocket as never,
      disableBc: true,
    })
    stock.awareness.setLocalState({ ...initialPresence('cy', 'User cy', 'web'), room: 'kitchen' })
    await Promise.all([ada.whenSynced(), bob.whenSynced()])
    await ada.execute({ type: 'enterRoom', roomId: 'lobby' })
    await waitFor('bob to see ada in the lobby and cy in the kitchen', () => {
      const rooms = bob.view().rooms
      return rooms.lobby?.occupants.includes('ada') && rooms.kitchen?.occupants.includes('cy')
    })

    // Ada keeps writing right up to the kill: some of it node 1 stored, some it never got.
    const written = Array.from({ length: 20 }, (_, i) => `Room ${i + 1}`)
    for (const name of written) expect(await ada.execute({ type: 'createRoom', name, kind: 'open' })).toEqual({ ok: true })
    const killedAt = performance.now()
    await node1.kill('SIGKILL')

    await waitFor('ada online again (on node 2)', () => online(ada))
    const adaBack = performance.now() - killedAt
    await waitFor('bob to have every room ada wrote', () => written.every((name) => names(bob).includes(name)))
    const allRooms = performance.now() - killedAt
    await waitFor('cy to leave bob\'s office', () => !bob.view().rooms.kitchen?.occupants.includes('cy'), HEARTBEAT_TTL_MS * 3)
    const cyGone = performance.now() - killedAt
    console.log(
      `failover after SIGKILL: ada online on node 2 in ${adaBack.toFixed(0)} ms, all her rooms at bob in ${allRooms.toFixed(0)} ms; ` +
        `cy (stuck on node 1) gone from node 2 in ${cyGone.toFixed(0)} ms (heartbeat TTL ${HEARTBEAT_TTL_MS} ms)`,
    )
    // Keys expire TTL/2 after the last beat; two missed checks TTL/4 apart: at most TTL (plus timer slack).
    expect(cyGone).toBeLessThan(HEARTBEAT_TTL_MS + 500)
    // Ada moved to node 2 and re-announced herself there, so node 1's death does not take her down.
    expect(bob.view().rooms.lobby?.occupants).toContain('ada')
    expect(await bob.execute({ type: 'enterRoom', roomId: 'lobby' })).toEqual({ ok: true })
    await waitFor('ada to see bob join her', () => ada.view().rooms.lobby?.occupants.includes('bob'))

    // Everything is in Postgres too.
    await ada.flushed()
    await waitFor('every room stored', async () => {
      const doc = new Y.Doc()
      for (const update of await c.store.load(teamDocName(c.teamId))) Y.applyUpdate(doc, update)
      const team = new TeamDoc(doc)
      const stored = team.roomIds().map((id) => team.room(id)?.name)
      return written.every((name) => stored.includes(name))
    })
  })
})
