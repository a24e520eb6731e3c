// Run by commits.ts under strace: raises read markers in the SQLite store one message at a time,
// as the server's read-marker desk does, then closes the store (which commits what still waits).
// Arguments: data dir, window ms, markers, ms between markers.
import { setTimeout as sleep } from 'node:timers/promises'
import { SqliteStore } from '../../server/store/sqlite-store'

const [dataDir, windowMs, markers, gapMs] = process.argv.slice(2)
const store = SqliteStore.open(dataDir!, { watchIntervalMs: 0, readMarkerWindowMs: Number(windowMs) })
for (let i = 0; i < Number(markers); i++) {
  await store.raiseReadMarkers('bench-team', `member-${i}`, [{ roomId: 'kitchen', seq: i + 1 }])
  if (Number(gapMs) > 0) await sleep(Number(gapMs))
}
await store.close()
