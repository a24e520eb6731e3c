// A write the server refuses survives nowhere: the core drops its replica (memory and disk) and
// syncs afresh from a real server over real sockets, with a real file store (issue 10).
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { FileStorage } from '../../electron/core-process/file-store'
import {
  createTestTeam,
  openCore,
  openProvider,
  refusedUrl,
  removeTempDirs,
  startTestServer,
  tempDir,
  tokenFor,
  waitFor,
} from '../../server/testing/harness'
import type { RunningServer } from '../../server/start'
import { describeClose } from '../contract/close-codes'
import { chatDocName, teamDocName } from '../contract/doc-names'
import { DiscussionHub } from './discussions'
import { PresenceCore } from './engine'
import type { SocketConstructor } from './jittered-socket'
import { MemoryStorage } from './storage-port'
import type { WebsocketProvider } from 'y-websocket'
import { mapAt } from '../model/doc-read'

const servers: RunningServer[] = []
const cores: PresenceCore[] = []
const providers: WebsocketProvider[] = []
afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy()
  await Promise.all(cores.splice(0).map((core) => core.close()))
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

async function office() {
  const dir = tempDir()
  const teamId = await createTestTeam(dir, 'Acme')
  const server = await startTestServer(dir)
  servers.push(server)
  return { dir, teamId, server }
}

async function core(serverUrl: string, token: string, storage = new FileStorage(tempDir('hallway-core-'))) {
  const opened = await openCore(serverUrl, token, storage)
  cores.push(opened)
  return opened
}

/** The document as the server holds it, read by a stock client that writes nothing. */
async function serverCopy(serverUrl: string, teamId: string, token: string): Promise<Y.Doc> {
  const provider = openProvider(serverUrl, teamDocName(teamId), token)
  providers.push(provider)
  await waitFor('the witness to sync', () => provider.synced)
  return provider.doc
}

const content = (doc: Y.Doc) => JSON.stringify(['meta', 'rooms', 'members', 'statuses'].map((key) => doc.getMap(key).toJSON()))

describe('a write the server refused', () => {
  it('is dropped from memory and disk: the core resyncs to the server copy, and a restart from its storage does not bring it back', async () => {
    const { dir, teamId, server } = await office()
    const token = await tokenFor(dir, teamId, 'ada')
    const storageDir = tempDir('hallway-core-')
    const ada = await core(server.url, token, new FileStorage(storageDir))
    await ada.whenSynced()
    const refused = ada.replica
    expect(ada.view().rooms.lobby?.name).toBe('Lobby')

    // Bypasses every check of the core: the write lands on the replica (and its disk) and goes to the server.
    mapAt(ada.team.rooms, 'lobby')!.set('name', 'Hacked')
    await waitFor('the core to replace its refused replica', () => ada.replica !== refused)
    await ada.whenSynced()
    await waitFor('the lobby to carry its server name again', () => ada.view().rooms.lobby?.name === 'Lobby')
    expect(ada.view().connection.detail).toBe(
      'The server refused a change (rooms/lobby/name: only admins may rename rooms), so your copy of the office was reloaded from the server.',
    )
    expect(ada.replica.doc.clientID).not.toBe(refused.doc.clientID)

    const witness = await serverCopy(server.url, teamId, await tokenFor(dir, teamId, 'wit', 'guest'))
    await waitFor('the core to hold exactly the server copy', () =>
      content(ada.team.doc) === content(witness) && Y.encodeStateVector(ada.team.doc).toString() === Y.encodeStateVector(witness).toString(),
    )
    expect(content(witness)).not.toContain('Hacked')

    await ada.flushed()
    await ada.close()
    // Reopened offline: everything it shows comes from its own storage.
    const restarted = await PresenceCore.open({
      serverUrl: await refusedUrl(),
      token,
      storage: new FileStorage(storageDir),
      WebSocket: WebSocket as unknown as SocketConstructor,
      device: 'bot',
    })
    cores.push(restarted)
    expect(restarted.view().rooms.lobby?.name).toBe('Lobby')
    expect(content(restarted.team.doc)).toBe(content(witness))
    expect(content(restarted.team.doc)).not.toContain('Hacked')
  })

  it('keeps what the server acknowledged before the refused write and loses what came after it', async () => {
    const { dir, teamId, server } = await office()
    const ada = await core(server.url, await tokenFor(dir, teamId, 'ada'))
    const bob = await core(server.url, await tokenFor(dir, teamId, 'bob'))
    await Promise.all([ada.whenSynced(), bob.whenSynced()])
    expect(await ada.execute({ type: 'setStatus', text: 'Acknowledged', emoji: '', until: null, dnd: false })).toEqual({ ok: true })
    await waitFor('bob to see the acknowledged status', () => bob.view().members.ada?.status?.text === 'Acknowledged')
    const refused = ada.replica

    ada.team.meta.set('name', 'Pwned')
    // Sent after the refused update on the same socket: the server never applies it.
    expect(await ada.execute({ type: 'setStatus', text: 'Unacknowledged', emoji: '', until: null, dnd: false })).toEqual({ ok: true })
    await waitFor('the core to replace its refused replica', () => ada.replica !== refused)
    await ada.whenSynced()
    await waitFor('the server copy', () => ada.view().team.name === 'Acme' && ada.view().members.ada?.status?.text === 'Acknowledged')
    expect(ada.view().connection.detail).toBe(
      'The server refused a change (meta/name: team settings are written by the server only), so your copy of the office was reloaded from the server.',
    )

    // bob's later marker proves nothing of ada's refused or later writes went anywhere.
    expect(await bob.execute({ type: 'setStatus', text: 'Marker', emoji: '', until: null, dnd: false })).toEqual({ ok: true })
    await waitFor('ada to see bob\'s marker', () => ada.view().members.bob?.status?.text === 'Marker')
    expect(bob.view().team.name).toBe('Acme')
    expect(bob.view().members.ada?.status?.text).toBe('Acknowledged')
    expect(content(ada.team.doc)).toBe(content(bob.team.doc))

    // The next accepted write clears the notice; the fresh replica writes as before.
    expect(await ada.execute({ type: 'setStatus', text: 'Back', emoji: '', until: null, dnd: false })).toEqual({ ok: true })
    await waitFor('bob to see ada write again', () => bob.view().members.ada?.status?.text === 'Back')
    expect(ada.view().connection).toEqual({ state: 'online', detail: null })
  })

  it('in a discussion: the copy is dropped from memory and disk and resynced, and the owner is told why', async () => {
    const { dir, teamId, server } = await office()
    const storage = new MemoryStorage()
    const reloads: string[] = []
    // A writer the rules would refuse, believed allowed: a client whose idea of the rules is stale.
    const hub = new DiscussionHub({
      serverUrl: server.url,
      token: await tokenFor(dir, teamId, 'gus', 'guest'),
      storage,
      WebSocket: WebSocket as unknown as SocketConstructor,
      backoff: { baseMs: 20, capMs: 200 },
      teamId,
      userId: 'gus',
      now: Date.now,
      newId: () => 'm1',
      onChange: () => {},
      onReloaded: (reason) => reloads.push(reason),
      writer: () => ({ userId: 'gus', role: 'member', inRoom: null }),
      fetchPreview: async () => null,
    })
    try {
      await hub.run({ type: 'openDiscussion', roomId: 'lobby' })
      await hub.run({ type: 'postMessage', roomId: 'lobby', text: 'sneaky' })
      expect(hub.views().lobby?.messages.map((m) => m.text)).toEqual(['sneaky'])
      await waitFor('the discussion to be reloaded', () => reloads.length === 1)
      expect(reloads).toEqual(['read-only'])
      expect(hub.views().lobby?.messages).toEqual([])
      const stored = new Y.Doc()
      for (const update of await storage.load(chatDocName(teamId, 'lobby'))) Y.applyUpdate(stored, update)
      expect(stored.getArray('messages').length).toBe(0)
    } finally {
      await hub.close()
    }
  })

  it('a 4403 at admission (before any sync) stays final: signed out, replica kept, no resync', async () => {
    const { dir, server } = await office()
    const stranger = await core(server.url, await tokenFor(dir, 'no-such-team', 'eve'))
    const replica = stranger.replica
    await waitFor('the core to be turned away', () => stranger.view().connection.state === 'denied')
    expect(stranger.view().connection.detail).toBe(describeClose(4403))
    expect(stranger.replica).toBe(replica)
    expect(replica.provider.shouldConnect).toBe(false)
  })
})
