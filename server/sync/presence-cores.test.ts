import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { PresenceCore } from '../../shared/core/engine'
import type { RunningServer } from '../start'
import { createTestTeam, openCore, removeTempDirs, startTestServer, tempDir, tokenFor, waitFor } from '../testing/harness'

const cores: PresenceCore[] = []
const servers: RunningServer[] = []
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()))
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

async function setup() {
  const dir = tempDir()
  const teamId = await createTestTeam(dir, 'Acme')
  const server = await startTestServer(dir)
  servers.push(server)
  // Admins, so every room command is theirs to make.
  const core = async (user: string) => {
    const opened = await openCore(server.url, await tokenFor(dir, teamId, user, 'admin'))
    cores.push(opened)
    return opened
  }
  return { dir, teamId, server, core }
}

const online = (core: PresenceCore) => core.view().connection.state === 'online'

describe('presence cores through the server', () => {
  it('converge: presence, durable edits and server-made member maps', async () => {
    const { core } = await setup()
    const ada = await core('ada')
    const bob = await core('bob')
    await Promise.all([ada.whenSynced(), bob.whenSynced()])
    expect(ada.view().team.name).toBe('Acme')

    expect(await ada.execute({ type: 'enterRoom', roomId: 'lobby' })).toEqual({ ok: true })
    await waitFor('bob to see ada in the lobby', () => bob.view().rooms.lobby?.occupants.includes('ada'))

    expect(await bob.execute({ type: 'createRoom', name: 'War Room', kind: 'meeting' })).toEqual({ ok: true })
    await waitFor('ada to see the new room', () => Object.values(ada.view().rooms).some((room) => room.name === 'War Room'))

    // The server created each member's map on first connection, with the token's name.
    await waitFor('both member maps', () => ada.view().members.bob?.name === 'User bob' && bob.view().members.ada?.name === 'User ada')
  })

  it('survives a server restart on the same data and port; cores reconnect on their own', async () => {
    const { dir, teamId, server, core } = await setup()
    const ada = await core('ada')
    const bob = await core('bob')
    await Promise.all([ada.whenSynced(), bob.whenSynced()])
    await ada.execute({ type: 'createRoom', name: 'Before Restart', kind: 'open' })
    await waitFor('bob to see the room', () => Object.values(bob.view().rooms).some((room) => room.name === 'Before Restart'))

    await server.close()
    servers.splice(servers.indexOf(server), 1)
    await waitFor('both cores offline', () => !online(ada) && !online(bob))

    const again = await startTestServer(dir, { port: server.port })
    servers.push(again)
    await waitFor('both cores back online', () => online(ada) && online(bob))
    await ada.execute({ type: 'enterRoom', roomId: 'kitchen' })
    await waitFor('bob to see ada in the kitchen', () => bob.view().rooms.kitchen?.occupants.includes('ada'))

    const fresh = await openCore(again.url, await tokenFor(dir, teamId, 'cy'))
    cores.push(fresh)
    await fresh.whenSynced()
    expect(Object.values(fresh.view().rooms).map((room) => room.name)).toContain('Before Restart')
  })

  it('merges edits made while the server was down', async () => {
    const { dir, teamId, server, core } = await setup()
    const ada = await core('ada')
    const bob = await core('bob')
    await Promise.all([ada.whenSynced(), bob.whenSynced()])

    await server.close()
    servers.splice(servers.indexOf(server), 1)
    await waitFor('both cores offline', () => !online(ada) && !online(bob))
    expect(await ada.execute({ type: 'createRoom', name: 'Ada Offline', kind: 'open' })).toEqual({ ok: true })
    expect(await bob.execute({ type: 'createRoom', name: 'Bob Offline', kind: 'focus' })).toEqual({ ok: true })
    expect(await bob.execute({ type: 'updateProfile', patch: { title: 'Written offline' } })).toEqual({ ok: true })

    const again = await startTestServer(dir, { port: server.port })
    servers.push(again)
    const names = (c: PresenceCore) => Object.values(c.view().rooms).map((room) => room.name)
    await waitFor('ada to have both rooms', () => names(ada).includes('Bob Offline') && names(ada).includes('Ada Offline'))
    await waitFor('bob to have both rooms', () => names(bob).includes('Ada Offline'))
    await waitFor('ada to see bob\'s title', () => ada.view().members.bob?.title === 'Written offline')

    const fresh = await openCore(again.url, await tokenFor(dir, teamId, 'cy'))
    cores.push(fresh)
    await fresh.whenSynced()
    expect(names(fresh)).toEqual(expect.arrayContaining(['Ada Offline', 'Bob Offline']))
  })
})
