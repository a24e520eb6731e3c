// Read markers and discussion summaries on two nodes of a cluster (issue 12): real nodes on the
// real Redis and Postgres the cluster tests start, real sockets.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { chatDocName, teamDocName } from '../../shared/contract/doc-names'
import { Discussion } from '../../shared/model/discussion'
import { readSummary } from '../../shared/model/room-activity'
import { TeamDoc } from '../../shared/model/team-doc'
import { removeTempDirs, waitFor } from '../testing/harness'
import { createCluster, startServices, type TestCluster, type TestServices } from '../testing/cluster'
import { markerClient, type MarkerClient } from '../testing/marker-client'
import { rawYjsClient, type RawYjsClient } from '../testing/raw-yjs-client'

let services: TestServices
const clusters: TestCluster[] = []
const sockets: Array<{ ws: { terminate(): void } }> = []
beforeAll(async () => {
  services = await startServices()
})
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.ws.terminate()
  await Promise.all(clusters.splice(0).map((cluster) => cluster.close()))
})
afterAll(async () => {
  await services?.stop()
  removeTempDirs()
})

async function twoNodes() {
  const cluster = await createCluster(services)
  clusters.push(cluster)
  const nodes = [await cluster.startNode(), await cluster.startNode()] as const
  const markers = async (node: 0 | 1, user: string): Promise<MarkerClient> => {
    const client = markerClient(nodes[node].url, teamDocName(cluster.teamId), await cluster.token(user))
    sockets.push(client)
    await client.opened
    return client
  }
  const yjs = async (node: 0 | 1, user: string, doc: string): Promise<RawYjsClient> => {
    const client = rawYjsClient(nodes[node].url, doc, await cluster.token(user))
    sockets.push(client)
    await client.synced
    return client
  }
  return { cluster, markers, yjs }
}

describe('read markers across nodes', () => {
  it("A's read on node 1 reaches A's connection on node 2 through Redis, and not B's connection there; Postgres keeps it", async () => {
    const { cluster, markers } = await twoNodes()
    const laptop = await markers(0, 'ada')
    const phone = await markers(1, 'ada')
    const bob = await markers(1, 'bob')
    const bobLaptop = await markers(0, 'bob')

    laptop.send([{ roomId: 'kitchen', seq: 4 }])
    await phone.receives('kitchen', 4)
    // Bob's later marker crosses the same stream after Ada's: once it is on Bob's socket, Ada's would be too.
    bobLaptop.send([{ roomId: 'lobby', seq: 2 }])
    await bob.receives('lobby', 2)
    await bob.barrier()
    expect(bob.markers()).toEqual([{ roomId: 'lobby', seq: 2 }])
    expect(await cluster.store.readMarkers(cluster.teamId, 'ada')).toEqual(new Map([['kitchen', 4]]))

    // A lower marker on node 2 moves nothing anywhere.
    phone.send([{ roomId: 'kitchen', seq: 1 }])
    phone.send([{ roomId: 'kitchen', seq: 6 }])
    await laptop.receives('kitchen', 6)
    expect(laptop.markers()).toEqual([{ roomId: 'kitchen', seq: 6 }])
    expect(await cluster.store.readMarkers(cluster.teamId, 'ada')).toEqual(new Map([['kitchen', 6]]))
  })
})

describe('discussion summaries on two nodes', () => {
  it('posts accepted at the same moment on two nodes are all counted: the summary converges to every post, on both nodes', async () => {
    const { cluster, yjs } = await twoNodes()
    const team = teamDocName(cluster.teamId)
    const chat = chatDocName(cluster.teamId, 'kitchen')
    // Carol's team connection makes her a member, so mentions of her count.
    const watchers = [await yjs(0, 'ada', team), await yjs(1, 'carol', team)]
    const bob = await yjs(0, 'bob', chat)
    const carol = await yjs(1, 'carol', chat)
    const rounds = 10
    for (let round = 0; round < rounds; round++) {
      // Both in one turn of this process's event loop: each node accepts its post before it can have heard of the other.
      bob.write((doc) => new Discussion(doc).post(`bob-${round}`, 'bob', `bob ${round} @carol`, 1, ['carol']))
      carol.write((doc) => new Discussion(doc).post(`carol-${round}`, 'carol', `carol ${round}`, 1, []))
      await waitFor(`round ${round} on both nodes' discussions`, () => [bob, carol].every((c) => c.doc.getArray('messages').length === 2 * (round + 1)))
    }
    const summaries = () => watchers.map((watcher) => readSummary(new TeamDoc(watcher.doc), 'kitchen'))
    // Both nodes can agree on the final count before the last mention is back: a count-moving write
    // from the node that had not heard of it wins, until the mentioning node writes the merge
    // (server/sync/summary-keeper.test.ts forces that order). A mention lost for good times this out.
    await waitFor(`a count of ${2 * rounds} and ${rounds} mentions, the same summary, on both nodes`, () => {
      const [one, two] = summaries()
      return one?.seq === 2 * rounds && one.mentions.length === rounds && JSON.stringify(one) === JSON.stringify(two)
    })
    const [one, two] = summaries()
    expect(one).toEqual(two)
    // Every mention of Carol is there, each at its own sequence number.
    const seqs = one!.mentions.map((mention) => mention.seq)
    expect(one!.mentions.every((mention) => mention.to === 'carol' && mention.by === 'bob')).toBe(true)
    expect(seqs).toHaveLength(rounds)
    expect(new Set(seqs).size).toBe(rounds)
  })
})
