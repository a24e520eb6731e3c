// On a reconnect y-websocket drops everyone's presence but mine until the server's presence
// snapshot is in; the core keeps drawing the last-seen presence until the connection's first sync.
import { describe, expect, it } from 'vitest'
import { waitFor } from '../../server/testing/harness'
import { officesClosedAfterEach } from '../../server/testing/test-office'
import type { OfficeView } from '../contract/view'

const startOffice = officesClosedAfterEach()

describe('presence across a reconnect', () => {
  it('a member who stays online is online in every view while my connection drops and comes back, and the line says online only once he is', async () => {
    const office = await startOffice()
    const ada = await office.join('ada', { viaProxy: true, device: 'bot' })
    const bob = await office.join('bob', { device: 'bot' })
    const proxy = await office.proxy()
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
