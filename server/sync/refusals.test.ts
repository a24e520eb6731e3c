import { afterAll, afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/contract/close-codes'
import type { PresenceCore } from '../../shared/core/engine'
import { MemoryStorage } from '../../shared/core/storage-port'
import { initialPresence } from '../../shared/core/presence'
import type { Role } from '../../shared/model/schema'
import { loadOrCreateSecret } from '../auth/secret'
import { mintToken } from '../auth/tokens'
import type { RunningServer } from '../start'
import {
  createTestTeam,
  fetchText,
  openCore,
  rawClient,
  removeTempDirs,
  startTestServer,
  tempDir,
  tokenFor,
  waitFor,
  type RawClient,
} from '../testing/harness'
import { storedDoc } from '../testing/stored-doc'
import { awarenessFrame } from '../testing/wire-frames'
import { encodeUpdate } from './protocol'
import { mapAt } from '../../shared/model/doc-read'

const cores: PresenceCore[] = []
const clients: RawClient[] = []
const servers: RunningServer[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.ws.terminate()
  await Promise.all(cores.splice(0).map((core) => core.close()))
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

const CAP = 8 * 1024

async function setup() {
  const dir = tempDir()
  const teamId = await createTestTeam(dir, 'Acme')
  const server = await startTestServer(dir, { maxMessageBytes: CAP })
  servers.push(server)
  const raw = (docName: string, token?: string) => {
    const client = rawClient(server.url, docName, token)
    clients.push(client)
    return client
  }
  const core = async (user: string, role: Role = 'member', storage = new MemoryStorage()) => {
    const opened = await openCore(server.url, await tokenFor(dir, teamId, user, role), storage)
    cores.push(opened)
    return opened
  }
  /** What the server has stored for the team document (read beside the running server). */
  const stored = () => storedDoc(dir, `team/${teamId}`)
  return { dir, teamId, server, raw, core, stored, docName: `team/${teamId}` }
}

function updateSetting(key: string, value: unknown): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('rooms').set(key, value)
  return Y.encodeStateAsUpdate(doc)
}

describe('admission', () => {
  it('closes 4401 for a missing, tampered or expired token', async () => {
    const { dir, teamId, raw, docName } = await setup()
    expect((await raw(docName).closed).code).toBe(CloseCode.badToken)

    const token = await tokenFor(dir, teamId, 'ada')
    const [header, payload, signature] = token.split('.')
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString())
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, role: 'member', sub: 'eve' })).toString('base64url')}.${signature}`
    expect((await raw(docName, tampered).closed).code).toBe(CloseCode.badToken)

    const expired = await mintToken(loadOrCreateSecret(dir), { userId: 'ada', teamId, name: 'Ada', role: 'member', ttlSeconds: 60, now: 1_000_000 })
    expect((await raw(docName, expired).closed).code).toBe(CloseCode.badToken)
  })

  it('closes 4401 when an open connection\'s token expires', async () => {
    const { dir, teamId, raw, docName } = await setup()
    const client = raw(docName, await tokenFor(dir, teamId, 'ada', 'member', 2))
    await client.opened
    expect((await client.closed).code).toBe(CloseCode.badToken)
  })

  it('closes 4403 for another team\'s token, an unknown team or a bad document name', async () => {
    const { dir, teamId, raw, docName } = await setup()
    const otherTeam = await createTestTeam(dir, 'Other')
    expect((await raw(docName, await tokenFor(dir, otherTeam, 'ada')).closed).code).toBe(CloseCode.forbidden)
    expect((await raw('team/ghost', await tokenFor(dir, 'ghost', 'ada')).closed).code).toBe(CloseCode.forbidden)
    expect((await raw(`team/${teamId}/nope`, await tokenFor(dir, teamId, 'ada')).closed).code).toBe(CloseCode.forbidden)
  })

  it('answers 404 to upgrades outside /sync/', async () => {
    const { server } = await setup()
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/elsewhere`)
      ws.on('error', () => {})
      ws.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0)
        ws.terminate()
      })
    })
    expect(status).toBe(404)
  })
})

describe('read-only guests', () => {
  it('stay connected and present; their core refuses a write, and a write past it closes them with 4403, is not stored, and is dropped', async () => {
    const { core, stored } = await setup()
    const ada = await core('ada', 'admin')
    await ada.execute({ type: 'setDoor', roomId: 'kitchen', door: 'closed' })
    await ada.execute({ type: 'setDoor', roomId: 'kitchen', door: 'open' })

    // A guest reconnecting from storage sends its whole delete set in sync step 2: not a write.
    const guestStorage = new MemoryStorage()
    const first = await core('gus', 'guest', guestStorage)
    await first.whenSynced()
    await first.flushed()
    await first.close()
    const gus = await core('gus', 'guest', guestStorage)
    await gus.whenSynced()
    expect(await gus.execute({ type: 'enterRoom', roomId: 'lobby' })).toEqual({ ok: true })
    await waitFor('ada to see the guest in the lobby', () => ada.view().rooms.lobby?.occupants.includes('gus'))
    expect(gus.view().connection.state).toBe('online')

    expect(await gus.execute({ type: 'createRoom', name: 'Guest Room', kind: 'open' })).toEqual({ ok: false, error: 'Guests may not change the team.' })
    // Past the core's check, straight onto its replica.
    const refused = gus.replica
    mapAt(gus.team.rooms, 'lobby')!.set('name', 'Guest Room')
    await waitFor('the guest\'s copy to be dropped and resynced', () => gus.replica !== refused && gus.view().connection.state === 'online')
    await waitFor('the guest to show the server copy', () => gus.view().rooms.lobby?.name === 'Lobby')
    expect(await gus.execute({ type: 'enterRoom', roomId: 'kitchen' })).toEqual({ ok: true })
    await waitFor('ada to see the guest\'s later move', () => ada.view().rooms.kitchen?.occupants.includes('gus'))
    const names = (doc: Y.Doc) => [...doc.getMap<Y.Map<unknown>>('rooms').values()].map((room) => room.get('name'))
    expect(names(await stored())).not.toContain('Guest Room')
    expect(Object.values(ada.view().rooms).map((room) => room.name)).not.toContain('Guest Room')
    // The server made the guest's member map, with the guest role.
    expect((await stored()).getMap<Y.Map<unknown>>('members').get('gus')?.get('role')).toBe('guest')
  })
})

describe('size cap and malformed frames', () => {
  it('closes 4413 on a message over the cap and applies nothing of it', async () => {
    const { dir, teamId, raw, docName, stored } = await setup()
    const client = raw(docName, await tokenFor(dir, teamId, 'ada'))
    await client.opened
    client.ws.send(encodeUpdate(updateSetting('huge', 'x'.repeat(CAP + 100))))
    expect((await client.closed).code).toBe(CloseCode.tooLarge)
    expect((await stored()).getMap('rooms').has('huge')).toBe(false)
  })

  it.each([
    ['garbage bytes', () => new Uint8Array([0xff, 0xff, 0xff, 0x0f, 1, 2, 3])],
    ['a truncated update', () => encodeUpdate(updateSetting('cut', 'x')).slice(0, 12)],
    ['a text frame', () => 'hello'],
  ])('closes 1003 on %s; the server and other clients carry on', async (_name, frame) => {
    const { dir, teamId, raw, core, docName, server, stored } = await setup()
    const ada = await core('ada')
    const bob = await core('bob')
    await Promise.all([ada.whenSynced(), bob.whenSynced()])

    const client = raw(docName, await tokenFor(dir, teamId, 'mallory'))
    await client.opened
    client.ws.send(frame())
    expect((await client.closed).code).toBe(1003)

    await ada.execute({ type: 'enterRoom', roomId: 'kitchen' })
    await waitFor('bob to still get updates', () => bob.view().rooms.kitchen?.occupants.includes('ada'))
    expect((await fetchText(`${server.url}/healthz`)).status).toBe(200)
    expect((await stored()).getMap('rooms').has('cut')).toBe(false)
  })
})

describe('awareness', () => {
  it('is relayed, removed when its connection drops, and only for the token\'s own user', async () => {
    const { dir, teamId, raw, core, docName } = await setup()
    const ada = await core('ada')
    await ada.whenSynced()

    const eve = raw(docName, await tokenFor(dir, teamId, 'eve'))
    await eve.opened
    // Frames arrive in order: once eve's own state shows, the forged one would have too.
    eve.ws.send(awarenessFrame(1111, 1, { ...initialPresence('bob', 'Not Bob', 'web'), room: 'kitchen' }))
    eve.ws.send(awarenessFrame(2222, 1, { ...initialPresence('eve', 'Eve', 'web'), room: 'lobby' }))
    // A plain y-websocket client's state, which ada's provider echoes back to the server.
    eve.ws.send(awarenessFrame(3333, 1, { cursor: 7 }))
    await waitFor('ada to see eve in the lobby', () => ada.view().rooms.lobby?.occupants.includes('eve'))
    expect(ada.view().rooms.kitchen?.occupants).not.toContain('bob')
    expect(ada.view().members.bob?.online ?? false).toBe(false)

    eve.ws.terminate()
    await waitFor('eve to vanish as soon as her socket drops', () => ada.view().members.eve?.online === false)
    await waitFor('the echoed state to go too', () => !ada.awareness.getStates().has(3333))
  })

  it('reaches the connection of the socket it came on (every socket shares the same listeners): a malformed frame closes only its sender, and its neighbours\' presence and leaving are their own', async () => {
    const { dir, teamId, raw, core, docName } = await setup()
    const ada = await core('ada')
    await ada.whenSynced()
    const eve = raw(docName, await tokenFor(dir, teamId, 'eve'))
    const mallory = raw(docName, await tokenFor(dir, teamId, 'mallory'))
    await Promise.all([eve.opened, mallory.opened])

    mallory.ws.send(new Uint8Array([0, 9, 9]))
    expect((await mallory.closed).code).toBe(CloseCode.malformed)
    // Handled as anyone's connection but eve's, her state would be refused as another user's.
    eve.ws.send(awarenessFrame(4444, 1, { ...initialPresence('eve', 'Eve', 'web'), room: 'lobby' }))
    await waitFor('ada to see eve in the lobby', () => ada.view().rooms.lobby?.occupants.includes('eve'))
    expect(eve.ws.readyState).toBe(WebSocket.OPEN)

    eve.ws.terminate()
    await waitFor('eve to go offline with her own socket', () => ada.view().members.eve?.online === false)
    expect(ada.view().members.ada?.online).toBe(true)
  })
})
