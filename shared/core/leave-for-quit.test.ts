// Quitting the desktop app (issue 13): the leave reaches the server before the core says it may exit. Real cores, a real server, real sockets.
import { describe, expect, it } from 'vitest'
import { MemoryStorage } from './storage-port'
import { waitFor } from '../../server/testing/harness'
import { officesClosedAfterEach } from '../../server/testing/test-office'
import { lastPlaceRecordName, loadLastPlace } from './last-place'

const startOffice = officesClosedAfterEach()

const occupantsOfLobby = (core: { view(): { rooms: Record<string, { occupants: string[] } | undefined> } }) => core.view().rooms.lobby?.occupants ?? []

describe('leaving for quit', () => {
  it('resolves only once the server answered for the leave, even after others already saw it, and stores no place to return to', async () => {
    const office = await startOffice()
    const storage = new MemoryStorage()
    const ada = await office.join('ada', { viaProxy: true, storage })
    const bob = await office.join('bob', { device: 'bot' })
    const proxy = await office.proxy()

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
    expect(await loadLastPlace(storage, lastPlaceRecordName(office.teamId, 'ada'))).toBeNull()
  })

  it('waits out a disconnected server and confirms a leave made offline once the server is back', async () => {
    const office = await startOffice()
    const ada = await office.join('ada')
    expect(await ada.execute({ type: 'enterRoom', roomId: 'lobby' })).toEqual({ ok: true })

    await office.stopServer()
    await waitFor('ada to be offline', () => ada.view().connection.state === 'offline')
    const leaving = ada.leaveForQuit()
    await waitFor('the leave to show on ada', () => ada.view().me.room === null)

    await office.restartServer()
    await leaving
    const bob = await office.join('bob', { device: 'bot' })
    await waitFor('bob to see ada online outside every room', () => bob.view().members.ada && !occupantsOfLobby(bob).includes('ada'))
  })
})
