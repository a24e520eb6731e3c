// Two nodes' summary keepers on one real store, with the order in which their writes cross forced
// by hand: the interleaving the cluster test (server/fanout/cluster-reads.test.ts) only hits sometimes.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { chatDocName, teamDocName } from '../../shared/contract/doc-names'
import { Discussion } from '../../shared/model/discussion'
import { readSummary, recordPosts } from '../../shared/model/room-activity'
import { TeamDoc } from '../../shared/model/team-doc'
import type { RunningServer } from '../start'
import { SqliteStore } from '../store/sqlite-store'
import { createTestTeam, readMetric, removeTempDirs, startTestServer, tempDir, tokenFor, waitFor } from '../testing/harness'
import { rawYjsClient, type RawYjsClient } from '../testing/raw-yjs-client'
import { SummaryKeeper } from './summary-keeper'

const stores: SqliteStore[] = []
const servers: RunningServer[] = []
const sockets: RawYjsClient[] = []
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.ws.terminate()
  await Promise.all(servers.splice(0).map((server) => server.close()))
  await Promise.all(stores.splice(0).map((store) => store.close()))
})
afterAll(removeTempDirs)

/** A team document as a node holds it, with a chosen Yjs client id: the higher one wins a concurrent write. */
function nodeDoc(base: Y.Doc, clientID: number): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = clientID
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
  return doc
}

/** Delivers each node's changes to the other at once, as two updates crossing between nodes. */
function cross(one: Y.Doc, two: Y.Doc): void {
  const toTwo = Y.encodeStateAsUpdate(one, Y.encodeStateVector(two))
  const toOne = Y.encodeStateAsUpdate(two, Y.encodeStateVector(one))
  Y.applyUpdate(two, toTwo, 'other node')
  Y.applyUpdate(one, toOne, 'other node')
}

const kitchen = (doc: Y.Doc) => readSummary(new TeamDoc(doc), 'kitchen')
const mentionOfCarol = { to: 'carol', by: 'bob', seq: 1, at: 1 }

describe('summary keeper: two nodes write one room at once', () => {
  it.each([
    { winner: 'the node that had not heard of the mention', mentioningId: 1, otherId: 2 },
    { winner: 'the mentioning node', mentioningId: 2, otherId: 1 },
  ])('whichever write wins ($winner), both nodes end with the higher count and the mention', async ({ mentioningId, otherId }) => {
    const store = SqliteStore.open(tempDir())
    stores.push(store)
    const base = new Y.Doc()
    new TeamDoc(base).ensureMember('bob', { name: 'Bob' })
    new TeamDoc(base).ensureMember('carol', { name: 'Carol' })
    const mentioning = nodeDoc(base, mentioningId)
    const other = nodeDoc(base, otherId)
    const keepers = [new SummaryKeeper(mentioning, 'team', store, new Map()), new SummaryKeeper(other, 'team', store, new Map())] as const

    // Bob's post mentioning Carol takes number 1; Carol's, on the other node before it heard of Bob's, number 2.
    await keepers[0].record('kitchen', [{ author: 'bob', mentions: ['carol'] }], 1)
    await keepers[1].record('kitchen', [{ author: 'carol', mentions: [] }], 2)
    cross(mentioning, other)

    // Right after the crossing both nodes show the winner alone; the loser's node then writes the merge.
    expect(kitchen(mentioning)).toEqual(kitchen(other))
    const merged = { seq: 2, at: 2, author: 'carol', mentions: [mentionOfCarol] }
    await waitFor('both nodes to show the count and the mention', () => {
      cross(mentioning, other)
      return [mentioning, other].every((doc) => JSON.stringify(kitchen(doc)) === JSON.stringify(merged))
    })
    expect(kitchen(other)).toEqual(merged)
  })
})

describe('summary keeper: the team document unloaded and loaded again', () => {
  it('still knows what it wrote: another node\'s concurrent write, found in the store when the document loads again, is merged with it, so the mention it hid is back', async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir)
    const server = await startTestServer(dir, { unloadAfterMs: 20 })
    servers.push(server)
    const team = teamDocName(teamId)
    const open = async (user: string, docName: string) => {
      const client = rawYjsClient(server.url, docName, await tokenFor(dir, teamId, user))
      sockets.push(client)
      await client.synced
      return client
    }
    // Carol's team connection makes her a member, so a mention of her counts.
    const carol = await open('carol', team)
    await waitFor('carol to be a member', () => new TeamDoc(carol.doc).member('carol'))
    // Another node's copy of the team document, before it hears of anything below; its client id wins a concurrent write.
    const otherNode = nodeDoc(carol.doc, 2 ** 32 - 1)

    const bob = await open('bob', chatDocName(teamId, 'kitchen'))
    bob.write((doc) => new Discussion(doc).post('bob-1', 'bob', 'lunch? @carol', 1, ['carol']))
    await waitFor('this node to write the kitchen summary with the mention', () => kitchen(carol.doc)?.mentions.length === 1)
    const mention = kitchen(carol.doc)!.mentions[0]!
    expect(mention).toMatchObject({ to: 'carol', by: 'bob', seq: 1 })
    for (const socket of sockets.splice(0)) socket.ws.terminate()
    await waitFor('the team and chat documents to unload', async () => (await readMetric(server.url, 'hallway_doc_unloads_total')) >= 2)

    // The other node numbers Carol's post (2) and writes the summary before it heard of Bob's.
    const store = SqliteStore.open(dir)
    stores.push(store)
    const seq = await store.claimDiscussionSeqs(teamId, 'kitchen', 0, 1)
    const before = Y.encodeStateVector(otherNode)
    recordPosts(new TeamDoc(otherNode), 'kitchen', [{ author: 'carol', mentions: [] }], 2, seq)
    await store.append(team, Y.encodeStateAsUpdate(otherNode, before))
    const stored = new Y.Doc()
    for (const update of await store.load(team)) Y.applyUpdate(stored, update)
    expect(kitchen(stored)).toEqual({ seq: 2, at: 2, author: 'carol', mentions: [] })

    const ada = await open('ada', team)
    await waitFor('the reloaded team document to show the count and the mention', () => kitchen(ada.doc)?.mentions.length === 1)
    expect(kitchen(ada.doc)).toEqual({ seq: 2, at: 2, author: 'carol', mentions: [mention] })
  })
})
