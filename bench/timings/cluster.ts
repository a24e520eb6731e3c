// Scale-out timings the tests only assert as behaviour: cross-node presence latency, and how long a
// SIGKILLed node's clients take to be back and its stuck clients to leave the others' view.
import type { WebsocketProvider } from 'y-websocket'
import { teamDocName } from '../../shared/contract/doc-names'
import type { PresenceCore } from '../../shared/core/engine'
import { initialPresence } from '../../shared/core/presence'
import { MemoryStorage } from '../../shared/core/storage-port'
import { createCluster, startNodeProcess, startServices, type NodeProcess, type TestCluster } from '../../server/testing/cluster'
import { openCore, openProvider, removeTempDirs, waitFor } from '../../server/testing/harness'
import { percentile } from '../fanout/stats'
import type { Figure } from '../presence'

const HEARTBEAT_TTL_MS = 1500
const PRESENCE_CHANGES = 300

const ms = (value: number) => Math.round(value * 10) / 10

async function crossNodePresence(c: TestCluster, providers: WebsocketProvider[]): Promise<Figure[]> {
  const [node1, node2] = await Promise.all([c.startNode(), c.startNode()])
  const docName = teamDocName(c.teamId)
  const sender = openProvider(node1.url, docName, await c.token('ada'))
  const receiver = openProvider(node2.url, docName, await c.token('bob'))
  providers.push(sender, receiver)
  await waitFor('both synced', () => sender.synced && receiver.synced)
  let waiting: { seq: number; resolve: () => void } | null = null
  receiver.awareness.on('change', () => {
    const state = receiver.awareness.getStates().get(sender.awareness.clientID) as { seq?: number } | undefined
    if (waiting && state?.seq === waiting.seq) waiting.resolve()
  })
  const samples: number[] = []
  for (let seq = 1; seq <= PRESENCE_CHANGES; seq++) {
    const seen = new Promise<void>((resolve) => (waiting = { seq, resolve }))
    const started = performance.now()
    sender.awareness.setLocalState({ user: 'ada', room: seq % 2 ? 'lobby' : 'kitchen', seq })
    await seen
    samples.push(performance.now() - started)
    // Under the per-connection rate limit (100 messages/s sustained).
    await new Promise((resolve) => setTimeout(resolve, 12))
  }
  samples.sort((a, b) => a - b)
  return [
    { name: `cross-node presence (stock clients, ${PRESENCE_CHANGES} changes), p50`, value: ms(percentile(samples, 0.5)), unit: 'ms' },
    { name: 'cross-node presence, p99', value: ms(percentile(samples, 0.99)), unit: 'ms' },
  ]
}

async function failover(c: TestCluster, cores: PresenceCore[], providers: WebsocketProvider[], nodes: NodeProcess[]): Promise<Figure[]> {
  const [node1, node2] = await Promise.all([startNodeProcess(c.scaleOut), c.startNode()])
  nodes.push(node1)
  const ada = await openCore(node1.url, await c.token('ada'), new MemoryStorage(), 'bot', [node2.url])
  cores.push(ada)
  const bob = await openCore(node2.url, await c.token('bob'))
  cores.push(bob)
  const cy = openProvider(node1.url, teamDocName(c.teamId), await c.token('cy'))
  providers.push(cy)
  cy.awareness.setLocalState({ ...initialPresence('cy', 'User cy', 'web'), room: 'kitchen' })
  await Promise.all([ada.whenSynced(), bob.whenSynced()])
  await waitFor('bob to see cy in the kitchen', () => bob.view().rooms.kitchen?.occupants.includes('cy'))
  const rooms = Array.from({ length: 20 }, (_, i) => `Room ${i + 1}`)
  for (const name of rooms) await ada.execute({ type: 'createRoom', name, kind: 'open' })

  const killedAt = performance.now()
  await node1.kill('SIGKILL')
  /** Milliseconds from the kill until `done` first holds (polled every 10 ms). */
  const sinceKill = async (what: string, done: () => boolean | undefined, timeoutMs?: number) => {
    await waitFor(what, done, timeoutMs)
    return performance.now() - killedAt
  }
  const marks = await Promise.all([
    sinceKill('ada online on node 2', () => ada.view().connection.state === 'online'),
    sinceKill('bob to have every room', () => rooms.every((name) => Object.values(bob.view().rooms).some((room) => room.name === name))),
    sinceKill('cy gone from node 2', () => !bob.view().rooms.kitchen?.occupants.includes('cy'), HEARTBEAT_TTL_MS * 5),
  ])
  return [
    { name: 'failover: SIGKILL to ada online on node 2', value: ms(marks[0]), unit: 'ms' },
    { name: 'failover: SIGKILL to all her rooms at bob', value: ms(marks[1]), unit: 'ms' },
    { name: `failover: SIGKILL to stuck cy gone from node 2 (heartbeat TTL ${HEARTBEAT_TTL_MS} ms)`, value: ms(marks[2]), unit: 'ms' },
  ]
}

/** Needs redis-server and PostgreSQL (Debian packages), like the scale-out tests. */
export async function runClusterTimings(): Promise<Figure[]> {
  const services = await startServices()
  const clusters: TestCluster[] = []
  const cores: PresenceCore[] = []
  const providers: WebsocketProvider[] = []
  const nodes: NodeProcess[] = []
  const cluster = async () => {
    const created = await createCluster(services, { heartbeatTtlMs: HEARTBEAT_TTL_MS })
    clusters.push(created)
    return created
  }
  try {
    return [...(await crossNodePresence(await cluster(), providers)), ...(await failover(await cluster(), cores, providers, nodes))]
  } finally {
    for (const provider of providers) provider.destroy()
    await Promise.all(cores.map((core) => core.close()))
    await Promise.all(nodes.map((node) => node.kill('SIGKILL')))
    await Promise.all(clusters.map((c) => c.close()))
    await services.stop()
    removeTempDirs()
  }
}
