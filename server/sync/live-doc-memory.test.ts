import { afterAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import { silentLogger } from '../observe/log'
import { Metrics } from '../observe/metrics'
import { SqliteStore } from '../store/sqlite-store'
import { collectGarbage, heapUsedAfterGc } from '../testing/heap'
import { removeTempDirs, tempDir } from '../testing/harness'
import { AwarenessPacer } from './awareness-pacer'
import { LiveDoc } from './live-doc'
import { trimContentArrays } from './trim-content'

afterAll(removeTempDirs)

function roomDeps() {
  return { store: SqliteStore.open(tempDir(), { watchIntervalMs: 0 }), log: silentLogger, metrics: new Metrics(), maxDocBytes: 1 << 24, onBroken: () => {}, maxAwarenessIdsPerPeer: 4, awarenessPacer: new AwarenessPacer(1, 5000, 500) }
}

/** A stored log of `count` updates, as the store hands it to a loading document. */
function storedLog(count: number): Uint8Array[] {
  const source = new Y.Doc()
  const updates: Uint8Array[] = []
  source.on('update', (update: Uint8Array) => updates.push(update))
  for (let i = 0; i < count; i++) source.getMap('rooms').set(`room-${i}`, `Room ${i}`)
  return updates
}

it('a loaded document does not keep the stored log it was built from (only the Y.Doc holds its content)', async () => {
  const deps = roomDeps()
  let log: Uint8Array[] | null = storedLog(50)
  const logGone = new WeakRef(log)
  const firstUpdateGone = new WeakRef(log[0]!)
  const room = new LiveDoc('team:t1', deps, log)
  log = null
  await collectGarbage()
  expect(room.doc.getMap('rooms').size).toBe(50)
  expect(logGone.deref()).toBeUndefined()
  expect(firstUpdateGone.deref()).toBeUndefined()
  room.close()
  deps.store.close()
})

it('a loaded document holds its values in exact-size arrays: trimming it again frees nothing', async () => {
  const deps = roomDeps()
  const room = new LiveDoc('team:t1', deps, storedLog(20_000))
  const before = await heapUsedAfterGc()
  expect(trimContentArrays(room.doc)).toBe(20_000)
  // Untrimmed, this frees ≥ 100 B an item (trim-content.test.ts).
  expect((before - (await heapUsedAfterGc())) / 20_000).toBeLessThan(20)
  room.close()
  deps.store.close()
})
