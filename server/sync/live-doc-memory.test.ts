import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import { silentLogger } from '../observe/log'
import { Metrics } from '../observe/metrics'
import { SqliteStore } from '../store/sqlite-store'
import { removeTempDirs, tempDir } from '../testing/harness'
import { AwarenessPacer } from './awareness-pacer'
import { LiveDoc } from './live-doc'

afterAll(removeTempDirs)

setFlagsFromString('--expose-gc')
const fullGc = runInNewContext('gc') as () => void

/** A stored log of `count` updates, as the store hands it to a loading document. */
function storedLog(count: number): Uint8Array[] {
  const source = new Y.Doc()
  const updates: Uint8Array[] = []
  source.on('update', (update: Uint8Array) => updates.push(update))
  for (let i = 0; i < count; i++) source.getMap('rooms').set(`room-${i}`, `Room ${i}`)
  return updates
}

it('a loaded document does not keep the stored log it was built from (only the Y.Doc holds its content)', async () => {
  const store = SqliteStore.open(tempDir(), { watchIntervalMs: 0 })
  const deps = { store, log: silentLogger, metrics: new Metrics(), maxDocBytes: 1 << 20, onBroken: () => {}, maxAwarenessIdsPerPeer: 4, awarenessPacer: new AwarenessPacer(1, 5000) }
  let log: Uint8Array[] | null = storedLog(50)
  const logGone = new WeakRef(log)
  const firstUpdateGone = new WeakRef(log[0]!)
  const room = new LiveDoc('team:t1', deps, log)
  log = null
  // A WeakRef holds its target until the job that made it ends.
  await new Promise((resolve) => setImmediate(resolve))
  fullGc()
  expect(room.doc.getMap('rooms').size).toBe(50)
  expect(logGone.deref()).toBeUndefined()
  expect(firstUpdateGone.deref()).toBeUndefined()
  room.close()
  store.close()
})
