import { afterAll, describe, it } from 'vitest'
import { DEFAULT_ROOMS } from '../../shared/model/starter-rooms'
import { seedTeam } from '../admin/teams'
import { loadOrCreateSecret } from '../auth/secret'
import { silentLogger } from '../observe/log'
import { SqliteStore } from '../store/sqlite-store'
import { createTestTeam, openCore, removeTempDirs, startTestServer, tempDir, tokenFor, waitFor } from '../testing/harness'
import { startCrowd } from './crowd'

afterAll(removeTempDirs)

const CROWD = 60
// Generous: the machine running the suite may be busy; the time it takes is a bench figure, not a test bound.
const ONLINE_TIMEOUT_MS = 240_000

describe('crowd', () => {
  it(`brings ${CROWD} members of a seeded team online, seen by a watcher and by the crowd's own throttled views`, { timeout: ONLINE_TIMEOUT_MS + 60_000 }, async ({ expect }) => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir)
    const store = SqliteStore.open(dir, { watchIntervalMs: 0 })
    try {
      await seedTeam(store, teamId, { members: 200, rooms: 10 })
    } finally {
      await store.close()
    }
    const server = await startTestServer(dir)
    const watcher = await openCore(server.url, await tokenFor(dir, teamId, 'watcher'))
    try {
      const ids = Array.from({ length: CROWD }, (_, i) => `load-${i + 1}`)
      const crowd = await startCrowd({
        serverUrl: server.url,
        secret: loadOrCreateSecret(dir),
        teamId,
        count: CROWD,
        movesPerSecond: 0,
        log: silentLogger,
        onlineTimeoutMs: ONLINE_TIMEOUT_MS,
      })
      try {
        expect(crowd.cores.map((core) => core.userId)).toEqual(ids)
        await waitFor('the watcher to see the whole crowd online', () => ids.every((id) => watcher.view().members[id]?.online), ONLINE_TIMEOUT_MS)
        // A crowd core rebuilds its view only every few seconds, yet it still catches up with everyone.
        const first = crowd.cores[0]!
        await waitFor('the first crowd member to see the last one and the watcher', () => first.view().members[ids.at(-1)!]?.online && first.view().members.watcher?.online, 30_000)
        // Every room of the team: the starter rooms and the 10 seeded ones, as the watcher sees them.
        expect(Object.keys(first.view().rooms).sort()).toEqual(Object.keys(watcher.view().rooms).sort())
        expect(Object.keys(watcher.view().rooms)).toHaveLength(DEFAULT_ROOMS.length + 10)
      } finally {
        await crowd.close()
      }
      await waitFor('the crowd to leave', () => !ids.some((id) => watcher.view().members[id]?.online), 30_000)
    } finally {
      await watcher.close()
      await server.close()
    }
  })
})
