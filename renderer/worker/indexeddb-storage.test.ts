import { IDBFactory as FakeIDBFactory } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { IndexedDbStorage } from './indexeddb-storage'

const bytes = (...values: number[]) => new Uint8Array(values)

describe('IndexedDbStorage (on fake-indexeddb)', () => {
  const open = (fakeIndexedDb: IDBFactory) => new IndexedDbStorage({ factory: fakeIndexedDb, name: 'test' })

  it('reads a document log back oldest first, one document at a time', async () => {
    const storage = open(new FakeIDBFactory())
    await storage.append('team/a', bytes(1))
    await storage.append('team/b', bytes(9))
    await storage.append('team/a', bytes(2))
    await storage.append('team/a', bytes(3))

    expect(await storage.load('team/a')).toEqual([bytes(1), bytes(2), bytes(3)])
    expect(await storage.load('team/b')).toEqual([bytes(9)])
    expect(await storage.load('team/none')).toEqual([])
    await storage.close()
  })

  it('keeps what it stored across reopening (a page reload)', async () => {
    const fakeIndexedDb = new FakeIDBFactory()
    const first = open(fakeIndexedDb)
    await first.append('team/a', bytes(1, 2))
    await first.close()

    const second = open(fakeIndexedDb)
    expect(await second.load('team/a')).toEqual([bytes(1, 2)])
    await second.close()
  })

  it('compacts one document to a single state and leaves the others alone', async () => {
    const storage = open(new FakeIDBFactory())
    await storage.append('team/a', bytes(1))
    await storage.append('team/a', bytes(2))
    await storage.append('team/b', bytes(7))
    await storage.compact('team/a', bytes(1, 2))
    await storage.append('team/a', bytes(3))

    expect(await storage.load('team/a')).toEqual([bytes(1, 2), bytes(3)])
    expect(await storage.load('team/b')).toEqual([bytes(7)])
    await storage.close()
  })

  it('discards one document for good (across reopening) and leaves the others alone', async () => {
    const fakeIndexedDb = new FakeIDBFactory()
    const first = open(fakeIndexedDb)
    await first.append('team/a', bytes(1))
    await first.append('team/a', bytes(2))
    await first.append('team/b', bytes(7))
    await first.discard('team/a')
    await first.close()

    const second = open(fakeIndexedDb)
    expect(await second.load('team/a')).toEqual([])
    expect(await second.load('team/b')).toEqual([bytes(7)])
    await second.append('team/a', bytes(3))
    expect(await second.load('team/a')).toEqual([bytes(3)])
    await second.close()
  })

  it('stores only the bytes of an update that is a view into a larger message', async () => {
    const storage = open(new FakeIDBFactory())
    const message = bytes(0, 0, 5, 6, 0)
    await storage.append('team/a', message.subarray(2, 4))

    const [stored] = await storage.load('team/a')
    expect(stored).toEqual(bytes(5, 6))
    expect(stored!.buffer.byteLength).toBe(2)
    await storage.close()
  })
})
