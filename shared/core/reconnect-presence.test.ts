// On a reconnect y-websocket drops everyone's presence but mine until the server's presence
// snapshot is in; the core keeps drawing the last-seen presence until the connection's first sync.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createTestTeam, openCore, pausableProxy, removeTempDirs, startTestServer, tempDir, tokenFor, waitFor } from '../../server/testing/harness'
import type { OfficeView } from '../contract/view'

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})
afterAll(removeTempDirs)

describe('presence across a reconnect', () => {
  it('a member who stays online is online in every view while my connection drops and comes back, and the line says online only once he is', async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir)
    const server = await startTestServer(dir)
    cleanups.push(() => server.close())
    const proxy = await pausableProxy(server.port)
    cleanups.push(() => proxy.close())
    const ada = await openCore(proxy.url, await tokenFor(dir, teamId, 'ada'))
    cleanups.push(() => ada.close())
    const bob = await openCore(server.url, await tokenFor(dir, teamId, 'bob'))
    cleanups.push(() => bob.close())
    await waitFor('ada to see bob online', () => ada.view().members.bob?.online && ada.view().connection.state === 'online')

    const views: Array<Pick<OfficeView, 'connection'> & { bobOnline: boolean }> = []
    ada.subscribe((view) => views.push({ connection: view.connection, bobOnline: view.members.bob?.online === true }))
    proxy.drop()
    await waitFor('ada to be offline', () => ada.view().connection.state === 'offline')
    expect(await ada.execute({ type: 'reconnectNow' })).toEqual({ ok: true })
    await waitFor('ada to be online again', () => ada.view().connection.state === 'online')
    // A later change of bob's, seen by ada: every view of the reconnect was built before it.
    expect(await bob.execute({ type: 'enterRoom', roomId: 'kitchen' })).toEqual({ ok: true })
    await waitFor('ada to see bob in the kitchen', () => ada.view().members.bob?.room === 'kitchen')

    expect(views.map((view) => view.connection.state)).toContain('offline')
    expect(views.filter((view) => !view.bobOnline)).toEqual([])
  })
})
