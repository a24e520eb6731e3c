// The SQLite stores of one process on one shared connection: real SQLite files, a second
// connection standing in for the admin CLI.
import { afterAll, describe, expect, it } from 'vitest'
import { removeTempDirs, tempDir } from '../testing/harness'
import { SqliteAccessStore } from './sqlite-access-store'
import { SqliteBlobStore } from './sqlite-blob-store'
import { SqliteConnection } from './sqlite-connection'
import { SqliteStore } from './sqlite-store'

afterAll(removeTempDirs)

const team = { id: 'acme', name: 'Acme', createdAt: 1 }
const blob = (text: string) => ({ contentType: 'text/plain', bytes: new TextEncoder().encode(text) })

/** The three stores as the server opens them: one connection, the document store's markers held for a minute. */
function sharedStores(dir: string) {
  const connection = SqliteConnection.open(dir)
  const access = SqliteAccessStore.on(connection)
  const blobs = SqliteBlobStore.on(connection)
  const store = SqliteStore.on(connection, { watchIntervalMs: 0, readMarkerWindowMs: 60_000 })
  return { connection, access, blobs, store }
}

/** What another process (the CLI) sees: only what has been committed. */
async function committed<T>(dir: string, read: (cli: { store: SqliteStore; access: SqliteAccessStore; blobs: SqliteBlobStore }) => Promise<T>): Promise<T> {
  const cli = { store: SqliteStore.open(dir, { watchIntervalMs: 0 }), access: SqliteAccessStore.open(dir), blobs: SqliteBlobStore.open(dir) }
  try {
    return await read(cli)
  } finally {
    await Promise.all([cli.store.close(), cli.access.close(), cli.blobs.close()])
  }
}

describe('stores sharing one SQLite connection', () => {
  it('do not mix transactions: writes made while read markers wait for their window commit on their own, and the markers only with the window', async () => {
    const dir = tempDir()
    const { access, blobs, store } = sharedStores(dir)
    await store.createTeam(team, new Uint8Array([0, 0]))
    expect(await store.raiseReadMarkers('acme', 'ada', [{ roomId: 'kitchen', seq: 3 }])).toEqual([{ roomId: 'kitchen', seq: 3 }])
    await access.revoke('acme', 'mallory', 5)
    await blobs.putBlob('b1', blob('photo'))

    const during = await committed(dir, async (cli) => ({
      revoked: await cli.access.revokedAt('acme', 'mallory'),
      blob: await cli.blobs.getBlob('b1'),
      team: await cli.store.getTeam('acme'),
      markers: await cli.store.readMarkers('acme', 'ada'),
    }))
    expect(during).toEqual({ revoked: 5, blob: blob('photo'), team, markers: new Map() })
    // The process's own reads see the waiting marker.
    expect(await store.readMarkers('acme', 'ada')).toEqual(new Map([['kitchen', 3]]))

    await store.close()
    expect(await committed(dir, (cli) => cli.store.readMarkers('acme', 'ada'))).toEqual(new Map([['kitchen', 3]]))
    await Promise.all([access.close(), blobs.close()])
  })

  it('a transaction that fails rolls back only its own writes, not the other stores\' writes around it', async () => {
    const dir = tempDir()
    const { access, blobs, store } = sharedStores(dir)
    await blobs.putBlob('before', blob('before'))
    // The team row is inserted, then the missing document update throws inside the same transaction.
    await expect(store.createTeam(team, undefined as unknown as Uint8Array)).rejects.toThrow()
    await access.revoke('acme', 'mallory', 7)
    const after = await committed(dir, async (cli) => ({
      team: await cli.store.getTeam('acme'),
      blob: await cli.blobs.getBlob('before'),
      revoked: await cli.access.revokedAt('acme', 'mallory'),
    }))
    expect(after).toEqual({ team: null, blob: blob('before'), revoked: 7 })
    await Promise.all([store.close(), access.close(), blobs.close()])
  })

  it("the stores' own writes never look like a CLI write to the document store; a CLI write still does", async () => {
    const dir = tempDir()
    const { access, blobs, store } = sharedStores(dir)
    await store.createTeam(team, new Uint8Array([0, 0]))
    expect(store.checkExternal()).toBe(false)
    await access.revoke('acme', 'mallory', 5)
    await blobs.putBlob('b1', blob('photo'))
    await store.append('team/acme', new Uint8Array([0, 0]))
    expect(store.checkExternal()).toBe(false)

    await committed(dir, (cli) => cli.access.revoke('acme', 'eve', 6))
    expect(store.checkExternal()).toBe(true)
    await Promise.all([store.close(), access.close(), blobs.close()])
  })

  it('stays open until its last store closes, then refuses a new store with a clear error', async () => {
    const dir = tempDir()
    const { connection, access, blobs, store } = sharedStores(dir)
    await store.close()
    await store.close()
    await access.revoke('acme', 'mallory', 5)
    await access.close()
    expect(await blobs.putBlob('b1', blob('photo'))).toBe(true)
    await blobs.close()
    expect(() => SqliteBlobStore.on(connection)).toThrow(/closed/)
    expect(await committed(dir, (cli) => cli.blobs.getBlob('b1'))).toEqual(blob('photo'))
  })
})

describe('the SQLite library under the stores', () => {
  it('is the lean build setup makes (no FTS5, no JSON), and the stock build falls back where it is missing', () => {
    const lean = SqliteConnection.open(tempDir())
    expect(lean.build, 'setup builds it: node --import tsx scripts/setup/main.ts').toBe('lean')
    const db = lean.acquire()
    expect(() => db.prepare("SELECT json('[]')")).toThrow(/no such function: json/)
    lean.release()
    const stock = SqliteConnection.open(tempDir(), { binding: 'stock' })
    expect(stock.build).toBe('stock')
    stock.release()
  })

  it('writes files the stock build reads, and reads what the stock build wrote: a server can move between them', async () => {
    const dir = tempDir()
    const onLean = SqliteStore.on(SqliteConnection.open(dir), { watchIntervalMs: 0 })
    await onLean.createTeam(team, new Uint8Array([0, 0]))
    await onLean.append('team/acme', new Uint8Array([1, 2, 3]))
    await onLean.close()

    const onStock = SqliteStore.on(SqliteConnection.open(dir, { binding: 'stock' }), { watchIntervalMs: 0 })
    expect(await onStock.getTeam('acme')).toEqual(team)
    await onStock.append('team/acme', new Uint8Array([4, 5]))
    await onStock.close()

    const again = SqliteStore.on(SqliteConnection.open(dir), { watchIntervalMs: 0 })
    expect(await again.load('team/acme')).toEqual([new Uint8Array([0, 0]), new Uint8Array([1, 2, 3]), new Uint8Array([4, 5])])
    await again.close()
  })
})
