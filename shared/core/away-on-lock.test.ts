// Sleep and screen lock on the desktop (issue 13): away and out of the call, then back at once. Real cores, a real server, real sockets.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createTestTeam, openCore, removeTempDirs, startTestServer, tempDir, tokenFor, waitFor } from '../../server/testing/harness'
import { lastPlaceRecordName, loadLastPlace } from './last-place'
import type { PresenceCore } from './engine'
import { MemoryStorage } from './storage-port'

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})
afterAll(removeTempDirs)

async function office() {
  const dir = tempDir()
  const teamId = await createTestTeam(dir)
  const server = await startTestServer(dir)
  cleanups.push(() => server.close())
  const join = async (user: string, storage = new MemoryStorage()) => {
    const core = await openCore(server.url, await tokenFor(dir, teamId, user), storage, 'desktop')
    cleanups.push(() => core.close())
    await core.whenSynced()
    return core
  }
  return { teamId, join }
}

const seen = (core: PresenceCore, user: string) => core.view().members[user]

describe('away on sleep or lock', () => {
  it('walks me out of my call as away, stores no place to come back to, and on return puts me back in the room with my mic as it was', async () => {
    const { teamId, join } = await office()
    const storage = new MemoryStorage()
    const ada = await join('ada', storage)
    const bob = await join('bob')
    expect(await ada.execute({ type: 'enterRoom', roomId: 'lobby' })).toEqual({ ok: true })
    expect(await ada.execute({ type: 'setMic', on: false })).toEqual({ ok: true })
    await waitFor('bob to see ada in the lobby, present', () => seen(bob, 'ada')?.room === 'lobby' && !seen(bob, 'ada')?.idle)

    await ada.stepAway()
    await waitFor('bob to see ada away, out of every room', () => seen(bob, 'ada')?.idle && seen(bob, 'ada')?.room === null)
    expect(ada.view().me.room).toBeNull()
    await waitFor('no place stored for a crash to bring ada back to', async () => (await loadLastPlace(storage, lastPlaceRecordName(teamId, 'ada'))) === null)

    await ada.comeBack()
    expect(ada.view().me).toMatchObject({ room: 'lobby', mic: false })
    await waitFor('bob to see ada back in the lobby, present', () => seen(bob, 'ada')?.room === 'lobby' && !seen(bob, 'ada')?.idle)
  })

  it('comes back present but outside a room that was locked meanwhile, and outside every room when away began outside one', async () => {
    const { join } = await office()
    const ada = await join('ada')
    const bob = await join('bob')
    expect(await ada.execute({ type: 'enterRoom', roomId: 'lobby' })).toEqual({ ok: true })
    await ada.stepAway()
    await waitFor('bob to see ada leave', () => seen(bob, 'ada')?.room === null)
    expect(await bob.execute({ type: 'enterRoom', roomId: 'lobby' })).toEqual({ ok: true })
    expect(await bob.execute({ type: 'setDoor', roomId: 'lobby', door: 'locked' })).toEqual({ ok: true })
    await waitFor('ada to see the lobby locked', () => ada.view().rooms.lobby?.door === 'locked')
    await ada.comeBack()
    await waitFor('bob to see ada present, outside the locked lobby', () => seen(bob, 'ada') && !seen(bob, 'ada')!.idle && seen(bob, 'ada')!.room === null)

    await ada.stepAway()
    await waitFor('ada to be away', () => ada.view().members.ada?.idle)
    await ada.comeBack()
    await waitFor('ada to be present again', () => ada.view().members.ada?.idle === false)
    expect(ada.view().me.room).toBeNull()
  })
})
