import { readFileSync } from 'node:fs'
import { Redis } from 'ioredis'
import type { WebsocketProvider } from 'y-websocket'
import { afterAll, describe, expect, it } from 'vitest'
import { teamDocName } from '../../shared/contract/doc-names'
import { initialPresence } from '../../shared/core/presence'
import { nodeKey } from '../fanout/node-liveness'
import { createCluster, startNodeProcess, startServices, type NodeProcess, type TestCluster, type TestServices } from '../testing/cluster'
import { openProvider, removeTempDirs, waitFor } from '../testing/harness'
import { processGroupMembers } from '../testing/process-group'

const HEARTBEAT_TTL_MS = 1500

let services: TestServices | null = null
let cluster: TestCluster | null = null
let redis: Redis | null = null
const nodes: NodeProcess[] = []
const providers: WebsocketProvider[] = []
let group = 0
afterAll(async () => {
  for (const provider of providers) provider.destroy()
  await Promise.all(nodes.map((node) => node.kill('SIGKILL')))
  for (const pid of group ? processGroupMembers(group) : []) process.kill(pid, 'SIGKILL')
  redis?.disconnect()
  await cluster?.close()
  await services?.stop()
  removeTempDirs()
})

describe('--hand-over in a cluster', () => {
  it('a member handed over stays in the other nodes\' view after the old worker\'s node stops beating (the new worker publishes its presence as its own)', async () => {
    services = await startServices()
    cluster = await createCluster(services, { heartbeatTtlMs: HEARTBEAT_TTL_MS })
    const c = cluster
    redis = new Redis(services.redis.url)
    const nodeKeys = async () => (await redis!.keys(nodeKey('*'))).sort()
    const [node1, node2] = await Promise.all([startNodeProcess(c.scaleOut, ['--hand-over']), c.startNode()])
    nodes.push(node1)
    const keeperPid = node1.child.pid!
    group = Number(readFileSync(`/proc/${keeperPid}/task/${keeperPid}/children`, 'utf8').trim().split(/\s+/)[0])

    // Cy on node 1 (to be handed over), Bob on node 2 watching her.
    const cy = openProvider(node1.url, teamDocName(c.teamId), await c.token('cy'))
    cy.awareness.setLocalState({ ...initialPresence('cy', 'User cy', 'web'), room: 'kitchen' })
    const bob = openProvider(node2.url, teamDocName(c.teamId), await c.token('bob'))
    providers.push(cy, bob)
    const cyId = cy.awareness.clientID
    await waitFor('bob to see cy', () => bob.awareness.getStates().has(cyId), 20_000)
    const cyLeftForBob: number[] = []
    bob.awareness.on('change', ({ removed }: { removed: number[] }) => {
      if (removed.includes(cyId)) cyLeftForBob.push(Date.now())
    })
    const cyCloses: unknown[] = []
    cy.on('connection-close', (event: unknown) => cyCloses.push(event))
    const before = await nodeKeys()
    expect(before).toHaveLength(2)

    node1.child.kill('SIGHUP')
    await waitFor('the old worker to exit', () => processGroupMembers(group).length === 1 && !processGroupMembers(group).includes(group), 30_000)
    // The old worker's heartbeat key expires (TTL/2 after its last beat); node 2 would take its node
    // for dead within two checks (TTL/4 each) after that, and drop whatever it still thinks it owns.
    await waitFor("the old worker's heartbeat to expire", async () => (await nodeKeys()).filter((key) => !before.includes(key)).length === 1 && (await nodeKeys()).length === 2, 10_000)
    const expired = Date.now()
    await waitFor('two liveness checks past the expiry, and one more', () => Date.now() - expired > HEARTBEAT_TTL_MS, 10_000)

    expect(cyLeftForBob).toEqual([])
    expect(bob.awareness.getStates().get(cyId)).toMatchObject({ user: 'cy', room: 'kitchen' })
    expect(cyCloses).toEqual([])
  }, 90_000)
})
