// Quitting the desktop app (issue 13): the leave reaches the server before the core says it may exit. Real cores, a real server, real sockets.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { MemoryStorage } from './storage-port'
import { createTestTeam, openCore, pausableProxy, removeTempDirs, startTestServer, tempDir, tokenFor, waitFor } from '../../server/testing/harness'
import { lastPlaceRecordName, loadLastPlace } from './last-place'

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})
afterAll(removeTempDirs)

const occupantsOfLobby = (core: { view(): { rooms: Record<string, { occupants: string[] } | undefined> } }) => core.view().rooms.lobby?.occupants ?? []

describe('leaving for quit', () => {
  it('resolves only once the server answered for the leave, even after others already saw it, and stores no place to return to', async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir)
    const server = await startTestServer(dir)
    cleanups.push(() => server.close())
    const proxy = await pausableProxy(server.port)
    cleanups.push(() => proxy.close())
    const storage = new MemoryStorage()
    const ada = await openCore(proxy.url, await tokenFor(dir, teamId, 'ada'), storage, 'desktop')
    cleanups.push(() => ada.close())
    const bob = await openCore(server.url, await tokenFor(dir, teamId, 'bob'))
    cleanups.push(() => bob.close())
    await Promise.all([ada.whenSynced(), bob.whenSynced()])

    expect(await ada.execute({ type: 'enterRoom', roomId: 'lobby' })).toEqual({ ok: true })
    await waitFor('bob to see ada in the lobby', () => occupantsOfLobby(bob).includes('ada'))

    // Ada's device stops hearing from the server: what it sends still arrives, the answer does not.
    proxy.pause()
    let confirmed = false
    const leaving = ada.leaveForQuit().then(() => (confirmed = true))
    await waitFor('bob to see ada leave', () => !occupantsOfLobby(bob).includes('ada'))
    expect(confirmed).toBe(false)

    proxy.resume()
    await leaving
    expect(ada.view().me.room).toBeNull()
    expect(await loadLastPlace(storage, lastPlaceRecordName(teamId, 'ada'))).toBeNull()
  })

  it('waits out a disconnected server and confirms a leave made offline once the server is back', async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir)
    let server = await startTestServer(dir)
    cleanups.push(() => server.close())
    const ada = await openCore(server.url, await tokenFor(dir, teamId, 'ada'), new MemoryStorage(), 'desktop')
    cleanups.push(() => ada.close())
    await ada.whenSynced()
    expect(await ada.execute({ type: 'enterRoom', roomId: 'lobby' })).toEqual({ ok: true })

    await server.close()
    await waitFor('ada to be offline', () => ada.view().connection.state === 'offline')
    const leaving = ada.leaveForQuit()
    await waitFor('the leave to show on ada', () => ada.view().me.room === null)

    server = await startTestServer(dir, { port: server.port })
    await leaving
    const bob = await openCore(server.url, await tokenFor(dir, teamId, 'bob'))
    cleanups.push(() => bob.close())
    await bob.whenSynced()
    await waitFor('bob to see ada online outside every room', () => bob.view().members.ada && !occupantsOfLobby(bob).includes('ada'))
  })
})
