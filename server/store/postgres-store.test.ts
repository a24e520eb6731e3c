import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startPostgres, type TestPostgres } from '../testing/services'
import { waitFor } from '../testing/harness'
import { LOCK_COMPACT } from './postgres-schema'
import { PostgresStore, type CompactResult } from './postgres-store'
import { silentLogger } from '../observe/log'

let postgres: TestPostgres
const stores: PostgresStore[] = []
beforeAll(async () => {
  postgres = await startPostgres()
})
afterAll(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()))
  await postgres?.stop()
})

async function open(url: string, options: { compactAfter?: number } = {}): Promise<PostgresStore> {
  const store = await PostgresStore.open(url, { log: silentLogger, ...options })
  stores.push(store)
  return store
}

/** One replica making numbered edits; `stateOf` reads them back from stored updates. */
function editor(clientId: number) {
  const doc = new Y.Doc()
  doc.clientID = clientId
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  return {
    edit(value: number): Uint8Array {
      doc.getArray<number>('list').push([value])
      return updates.at(-1)!
    },
  }
}

function stateOf(updates: Uint8Array[]): number[] {
  const doc = new Y.Doc()
  updates.forEach((update) => Y.applyUpdate(doc, update))
  return doc.getArray<number>('list').toArray().sort((a, b) => a - b)
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i)

describe('PostgresStore', () => {
  it('round-trips updates across reopen, per document, and creates its schema once across concurrent opens', async () => {
    const url = await postgres.createDatabase()
    const [store, other] = await Promise.all([open(url), open(url)])
    const writer = editor(1)
    for (const i of range(0, 5)) await store.append('team/a', writer.edit(i))
    await other.append('team/b', editor(2).edit(7))
    await store.close()

    const reopened = await open(url)
    expect(stateOf(await reopened.load('team/a'))).toEqual([0, 1, 2, 3, 4])
    expect(stateOf(await reopened.load('team/b'))).toEqual([7])
    expect(await reopened.load('team/none')).toEqual([])
  })

  it('creates teams with their first document update atomically; every node reads the same signing secret', async () => {
    const url = await postgres.createDatabase()
    const [one, two] = await Promise.all([open(url), open(url)])
    await one.createTeam({ id: 'acme', name: 'Acme', createdAt: 1 }, editor(1).edit(1))
    expect(await two.getTeam('acme')).toEqual({ id: 'acme', name: 'Acme', createdAt: 1 })
    expect(await two.getTeam('nobody')).toBeNull()
    await expect(two.createTeam({ id: 'acme', name: 'Again', createdAt: 2 }, editor(2).edit(2))).rejects.toThrow()
    expect(stateOf(await one.load('team/acme'))).toEqual([1])

    const [a, b] = await Promise.all([one.signingSecret(), two.signingSecret()])
    expect(a.byteLength).toBe(32)
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true)
  })

  it('compacts in the background past the threshold, losing nothing', async () => {
    const url = await postgres.createDatabase()
    const store = await open(url, { compactAfter: 10 })
    const writer = editor(1)
    for (const i of range(0, 25)) await store.append('team/a', writer.edit(i))
    await waitFor('a background compaction', async () => (await store.logLength('team/a')) < 25)
    await store.close()

    const again = await open(url)
    expect(stateOf(await again.load('team/a'))).toEqual(range(0, 25))
    await again.append('team/a', writer.edit(25))
    expect(await again.tryCompact('team/a')).toBe('compacted')
    expect(await again.logLength('team/a')).toBe(0)
    expect(await again.load('team/a')).toHaveLength(1)
    expect(await again.tryCompact('team/a')).toBe('empty')
    expect(stateOf(await again.load('team/a'))).toEqual(range(0, 26))
  })

  it('two nodes compacting at once: one folds, the other backs off, and no update is lost', async () => {
    const url = await postgres.createDatabase()
    const [nodeA, nodeB] = await Promise.all([open(url), open(url)])
    const [writerA, writerB] = [editor(1), editor(2)]
    let next = 0
    const appendBoth = async (count: number) => {
      for (let i = 0; i < count; i++) {
        await nodeA.append('team/race', writerA.edit(next++))
        await nodeB.append('team/race', writerB.edit(next++))
      }
    }

    // Free-for-all rounds: exactly one of four simultaneous attempts folds each time.
    for (let round = 0; round < 5; round++) {
      await appendBoth(10)
      const results = await Promise.all([nodeA.tryCompact('team/race'), nodeB.tryCompact('team/race'), nodeA.tryCompact('team/race'), nodeB.tryCompact('team/race')])
      expect(results.filter((r) => r === 'compacted')).toHaveLength(1)
      expect(results.every((r) => r === 'compacted' || r === 'busy' || r === 'empty')).toBe(true)
    }
    expect(stateOf(await nodeB.load('team/race'))).toEqual(range(0, next))

    // Deterministic overlap: hold node A inside its compaction (its snapshot write waits on a
    // table lock we hold) while node B tries, and while both keep appending.
    await appendBoth(5)
    const gate = new pg.Client(url)
    await gate.connect()
    await gate.query('BEGIN')
    await gate.query('LOCK TABLE hallway_doc_snapshots IN EXCLUSIVE MODE')
    const first: Promise<CompactResult> = nodeA.tryCompact('team/race')
    await waitFor('node A to hold the compaction lock and wait on the snapshot table', async () => {
      const { rows } = await gate.query(
        `SELECT
           (SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND granted) AS held,
           (SELECT COUNT(*) FROM pg_locks WHERE relation = 'hallway_doc_snapshots'::regclass AND NOT granted) AS waiting`,
        [LOCK_COMPACT],
      )
      return Number(rows[0].held) === 1 && Number(rows[0].waiting) === 1
    })
    expect(await nodeB.tryCompact('team/race')).toBe('busy')
    await appendBoth(5)
    await gate.query('COMMIT')
    await gate.end()
    expect(await first).toBe('compacted')

    // The rows appended during A's compaction were not folded, and are still there.
    expect(await nodeA.logLength('team/race')).toBe(10)
    expect(stateOf(await nodeA.load('team/race'))).toEqual(range(0, next))
    expect(await nodeB.tryCompact('team/race')).toBe('compacted')
    expect(stateOf(await nodeB.load('team/race'))).toEqual(range(0, next))
  })
})

describe('per-member and per-room state beside the documents', () => {
  it("keeps each read marker's maximum, per member, and says which moved", async () => {
    const store = await open(await postgres.createDatabase())
    expect(await store.raiseReadMarkers('t', 'ada', [{ roomId: 'kitchen', seq: 5 }, { roomId: 'lobby', seq: 2 }])).toEqual([{ roomId: 'kitchen', seq: 5 }, { roomId: 'lobby', seq: 2 }])
    expect(await store.raiseReadMarkers('t', 'ada', [{ roomId: 'kitchen', seq: 3 }, { roomId: 'lobby', seq: 4 }])).toEqual([{ roomId: 'lobby', seq: 4 }])
    expect(await store.raiseReadMarkers('t', 'bob', [{ roomId: 'kitchen', seq: 1 }])).toEqual([{ roomId: 'kitchen', seq: 1 }])
    expect(await store.readMarkers('t', 'ada')).toEqual(new Map([['kitchen', 5], ['lobby', 4]]))
    await store.dropReadMarkers('t', 'ada', ['lobby'])
    expect(await store.readMarkers('t', 'ada')).toEqual(new Map([['kitchen', 5]]))
  })

  it('numbers posts claimed at once by two nodes without repeating a number, starting past what the document showed', async () => {
    const url = await postgres.createDatabase()
    const [one, two] = [await open(url), await open(url)]
    const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? one : two).claimDiscussionSeqs('t', 'kitchen', 7, 1)))
    expect([...claims].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => 8 + i))
    // A document that shows more than the counter (posts from before the counter existed) moves it on.
    expect(await one.claimDiscussionSeqs('t', 'kitchen', 100, 3)).toBe(103)
  })
})
