import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { silentLogger } from '../observe/log'
import { removeTempDirs, tempDir } from '../testing/harness'
import { startPostgres, type TestPostgres } from '../testing/services'
import type { BlobStore } from './blob-store'
import { PostgresBlobStore } from './postgres-blob-store'
import { SqliteBlobStore } from './sqlite-blob-store'

let postgres: TestPostgres
beforeAll(async () => {
  postgres = await startPostgres()
})
afterAll(async () => {
  await postgres?.stop()
  removeTempDirs()
})

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** Opens a store on one place (a directory, a database); opening it again reaches the same blobs. */
type Backend = { name: string; place(): Promise<string>; open(place: string): Promise<BlobStore> }

const backends: Backend[] = [
  { name: 'SQLite', place: async () => tempDir(), open: async (dir) => SqliteBlobStore.open(dir) },
  { name: 'Postgres', place: () => postgres.createDatabase(), open: (url) => PostgresBlobStore.open(url, { log: silentLogger }) },
]

describe.each(backends)('$name blob store', (backend) => {
  it('keeps bytes by their hash across reopen, byte for byte, and says null for a hash it never stored', async () => {
    const place = await backend.place()
    const bytes = new Uint8Array(Array.from({ length: 3000 }, (_, i) => (i * 31) % 256))
    const store = await backend.open(place)
    expect(await store.putBlob(sha256(bytes), { contentType: 'image/webp', bytes })).toBe(true)
    await store.close()

    const reopened = await backend.open(place)
    const stored = await reopened.getBlob(sha256(bytes))
    expect(stored?.contentType).toBe('image/webp')
    expect(Buffer.from(stored!.bytes).equals(Buffer.from(bytes))).toBe(true)
    expect(await reopened.getBlob(sha256(new Uint8Array([1])))).toBeNull()
    await reopened.close()
  })

  it('stores the same bytes once: a second put (from another connection too) reports them as already there', async () => {
    const place = await backend.place()
    const [one, two] = [await backend.open(place), await backend.open(place)]
    const bytes = new Uint8Array([7, 7, 7])
    const results = await Promise.all([one.putBlob(sha256(bytes), { contentType: 'image/webp', bytes }), two.putBlob(sha256(bytes), { contentType: 'image/webp', bytes })])
    expect(results.sort()).toEqual([false, true])
    expect(await one.putBlob(sha256(bytes), { contentType: 'image/webp', bytes })).toBe(false)
    expect(Array.from((await two.getBlob(sha256(bytes)))!.bytes)).toEqual([7, 7, 7])
    await Promise.all([one.close(), two.close()])
  })
})
