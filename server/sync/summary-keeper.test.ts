// Two nodes' summary keepers on one real store, with the order in which their writes cross forced
// by hand: the interleaving the cluster test (server/fanout/cluster-reads.test.ts) only hits sometimes.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readSummary } from '../../shared/model/room-activity'
import { TeamDoc } from '../../shared/model/team-doc'
import { SqliteStore } from '../store/sqlite-store'
import { removeTempDirs, tempDir, waitFor } from '../testing/harness'
import { SummaryKeeper } from './summary-keeper'

const stores: SqliteStore[] = []
afterEach(async () => {
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
    const keepers = [new SummaryKeeper(mentioning, 'team', store), new SummaryKeeper(other, 'team', store)] as const

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
