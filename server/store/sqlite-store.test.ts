import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { removeTempDirs, tempDir } from '../testing/harness'
import { SqliteStore } from './sqlite-store'

afterAll(removeTempDirs)

function edits(count: number): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  const list = doc.getArray<number>('list')
  const map = doc.getMap<number>('map')
  for (let i = 0; i < count; i++) {
    doc.transact(() => {
      list.push([i])
      map.set('last', i)
    })
  }
  return { doc, updates }
}

function stateOf(updates: Uint8Array[]): { list: number[]; last: unknown } {
  const doc = new Y.Doc()
  updates.forEach((update) => Y.applyUpdate(doc, update))
  return { list: doc.getArray<number>('list').toArray(), last: doc.getMap('map').get('last') }
}

describe('SqliteStore', () => {
  it('round-trips updates across reopen, per document', async () => {
    const dir = tempDir()
    const { updates } = edits(5)
    const store = SqliteStore.open(dir)
    for (const update of updates) await store.append('team/a', update)
    await store.append('team/b', edits(1).updates[0]!)
    await store.close()

    const reopened = SqliteStore.open(dir)
    expect(stateOf(await reopened.load('team/a'))).toEqual({ list: [0, 1, 2, 3, 4], last: 4 })
    expect(stateOf(await reopened.load('team/b'))).toEqual({ list: [0], last: 0 })
    expect(await reopened.load('team/none')).toEqual([])
    await reopened.close()
  })

  it('compacts past the threshold into one snapshot, losing nothing', async () => {
    const dir = tempDir()
    const store = SqliteStore.open(dir, { compactAfter: 10 })
    const { updates } = edits(25)
    for (const update of updates) await store.append('team/a', update)
    // 11th append folded 11 rows; 22nd folded 11 more; 3 remain in the log.
    expect(store.logLength('team/a')).toBe(3)
    const stored = await store.load('team/a')
    expect(stored).toHaveLength(4)
    expect(stateOf(stored).list).toHaveLength(25)

    await store.compact('team/a')
    expect(store.logLength('team/a')).toBe(0)
    expect(await store.load('team/a')).toHaveLength(1)
    expect(stateOf(await store.load('team/a'))).toEqual({ list: [...Array(25).keys()], last: 24 })
    await store.close()
  })

  it('creates teams with their first document update atomically', async () => {
    const store = SqliteStore.open(tempDir())
    const doc = new Y.Doc()
    doc.getMap('meta').set('name', 'Acme')
    await store.createTeam({ id: 'acme', name: 'Acme', createdAt: 1 }, Y.encodeStateAsUpdate(doc))
    expect(await store.getTeam('acme')).toEqual({ id: 'acme', name: 'Acme', createdAt: 1 })
    expect(await store.getTeam('nobody')).toBeNull()
    await expect(store.createTeam({ id: 'acme', name: 'Again', createdAt: 2 }, new Uint8Array([0, 0]))).rejects.toThrow()
    expect(await store.load('team/acme')).toHaveLength(1)
    await store.close()
  })

  it('notices writes by another process (connection), not its own', async () => {
    const dir = tempDir()
    const server = SqliteStore.open(dir, { watchIntervalMs: 0 })
    let calls = 0
    server.onExternalChange(() => calls++)
    await server.append('team/a', edits(1).updates[0]!)
    expect(server.checkExternal()).toBe(false)

    const cli = SqliteStore.open(dir, { watchIntervalMs: 0 })
    await cli.append('team/a', edits(1).updates[0]!)
    await cli.close()
    expect(server.checkExternal()).toBe(true)
    expect(calls).toBe(1)
    expect(server.checkExternal()).toBe(false)
    await server.close()
  })
})
