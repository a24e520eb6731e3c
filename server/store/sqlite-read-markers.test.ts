// Read markers coalesced into one commit per window: the real SQLite store, a second connection
// standing in for another process that only sees what was committed.
import { afterAll, describe, expect, it } from 'vitest'
import { removeTempDirs, tempDir, waitFor } from '../testing/harness'
import { SqliteConnection } from './sqlite-connection'
import { SqliteStore } from './sqlite-store'

afterAll(removeTempDirs)

async function committedMarkers(dir: string, userId = 'ada'): Promise<Map<string, number>> {
  const other = SqliteStore.open(dir, { watchIntervalMs: 0 })
  try {
    return await other.readMarkers('acme', userId)
  } finally {
    await other.close()
  }
}

const rooms = (count: number) => Array.from({ length: count }, (_, i) => `room-${i}`)

describe('read markers, coalesced', () => {
  it('a burst of 100 raises is reported moved at once and committed together when the window ends', async () => {
    const dir = tempDir()
    const store = SqliteStore.open(dir, { watchIntervalMs: 0, readMarkerWindowMs: 200 })
    const moved = []
    for (const [i, roomId] of rooms(100).entries()) moved.push(...(await store.raiseReadMarkers('acme', 'ada', [{ roomId, seq: i + 1 }])))
    expect(moved).toHaveLength(100)
    expect(await committedMarkers(dir)).toEqual(new Map())
    const expected = new Map(rooms(100).map((roomId, i) => [roomId, i + 1]))
    expect(await store.readMarkers('acme', 'ada')).toEqual(expected)
    await waitFor('the window to commit', async () => (await committedMarkers(dir)).size === 100)
    expect(await committedMarkers(dir)).toEqual(expected)
    await store.close()
  })

  it('keeps the maximum against both a committed and a waiting marker: only a raise above both is reported', async () => {
    const dir = tempDir()
    const store = SqliteStore.open(dir, { watchIntervalMs: 0, readMarkerWindowMs: 60_000 })
    await store.raiseReadMarkers('acme', 'ada', [{ roomId: 'kitchen', seq: 5 }])
    await store.close()

    const again = SqliteStore.open(dir, { watchIntervalMs: 0, readMarkerWindowMs: 60_000 })
    expect(await again.raiseReadMarkers('acme', 'ada', [{ roomId: 'kitchen', seq: 4 }, { roomId: 'lobby', seq: 2 }])).toEqual([{ roomId: 'lobby', seq: 2 }])
    expect(await again.raiseReadMarkers('acme', 'ada', [{ roomId: 'lobby', seq: 2 }, { roomId: 'kitchen', seq: 6 }])).toEqual([{ roomId: 'kitchen', seq: 6 }])
    expect(await again.raiseReadMarkers('acme', 'ada', [{ roomId: 'lobby', seq: 1 }])).toEqual([])
    // Another member's marker of the same room is theirs alone.
    expect(await again.raiseReadMarkers('acme', 'bob', [{ roomId: 'kitchen', seq: 1 }])).toEqual([{ roomId: 'kitchen', seq: 1 }])
    await again.close()
    expect(await committedMarkers(dir)).toEqual(new Map([['kitchen', 6], ['lobby', 2]]))
    expect(await committedMarkers(dir, 'bob')).toEqual(new Map([['kitchen', 1]]))
  })

  it('a dropped room loses its waiting marker too: the window does not write it back', async () => {
    const dir = tempDir()
    const store = SqliteStore.open(dir, { watchIntervalMs: 0, readMarkerWindowMs: 60_000 })
    await store.raiseReadMarkers('acme', 'ada', [{ roomId: 'focus', seq: 3 }, { roomId: 'kitchen', seq: 1 }])
    await store.dropReadMarkers('acme', 'ada', ['focus'])
    expect(await store.readMarkers('acme', 'ada')).toEqual(new Map([['kitchen', 1]]))
    await store.close()
    expect(await committedMarkers(dir)).toEqual(new Map([['kitchen', 1]]))
  })

  it('a window whose commit fails (the database locked by another process) keeps its markers and commits them with the next', async () => {
    const dir = tempDir()
    const connection = SqliteConnection.open(dir)
    const errors: unknown[] = []
    const store = SqliteStore.on(connection, { watchIntervalMs: 0, readMarkerWindowMs: 20, onReadMarkerFlushError: (error) => errors.push(error) })
    connection.acquire().pragma('busy_timeout = 0')
    connection.release()
    const locker = SqliteConnection.open(dir).acquire()
    locker.exec('BEGIN IMMEDIATE')
    await store.raiseReadMarkers('acme', 'ada', [{ roomId: 'kitchen', seq: 9 }])
    await waitFor('a failed commit', () => errors.length > 0)
    expect(String(errors[0])).toMatch(/locked|busy/i)
    locker.exec('COMMIT')
    locker.close()
    await waitFor('the next window to commit', async () => (await committedMarkers(dir)).get('kitchen') === 9)
    await store.close()
  })

  it('a window of 0 commits each raise before it resolves', async () => {
    const dir = tempDir()
    const store = SqliteStore.open(dir, { watchIntervalMs: 0, readMarkerWindowMs: 0 })
    await store.raiseReadMarkers('acme', 'ada', [{ roomId: 'kitchen', seq: 2 }])
    expect(await committedMarkers(dir)).toEqual(new Map([['kitchen', 2]]))
    await store.close()
  })
})
