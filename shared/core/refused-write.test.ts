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
import { teamDocName } from '../contract/doc-names'
import { PresenceCore } from './engine'
import type { SocketConstructor } from './jittered-socket'
import type { WebsocketProvider } from 'y-websocket'

const servers: RunningServer[] = []
const cores: PresenceCore[] = []
const providers: WebsocketProvider[] = []
afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy()
  await Promise.all(cores.splice(0).map((core) => core.destroy()))
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
    const guestToken = await tokenFor(dir, teamId, 'gus', 'guest')
    const storageDir = tempDir('hallway-core-')
    const gus = await core(server.url, guestToken, new FileStorage(storageDir))
    await gus.whenSynced()
    const refused = gus.replica
    expect(gus.view().rooms.lobby?.name).toBe('Lobby')

    // Bypasses every check of the core: the write lands on the replica and goes to the server.
    gus.team.rooms.get('lobby')!.set('name', 'Hacked')
    await waitFor('the core to replace its refused replica', () => gus.replica !== refused)
    await gus.whenSynced()
    await waitFor('the lobby to carry its server name again', () => gus.view().rooms.lobby?.name === 'Lobby')
    expect(gus.view().connection.detail).toMatch(/^The server refused a change \(read-only\), so your copy of the office was reloaded from the server\.$/)
    expect(gus.replica.doc.clientID).not.toBe(refused.doc.clientID)

    const witness = await serverCopy(server.url, teamId, await tokenFor(dir, teamId, 'wit', 'guest'))
    await waitFor('the core to hold exactly the server copy', () =>
      content(gus.team.doc) === content(witness) && Y.encodeStateVector(gus.team.doc).toString() === Y.encodeStateVector(witness).toString(),
    )
    expect(content(witness)).not.toContain('Hacked')

    await gus.flushed()
    await gus.destroy()
    // Reopened offline: everything it shows comes from its own storage.
    const restarted = await PresenceCore.open({
      serverUrl: await refusedUrl(),
      token: guestToken,
      storage: new FileStorage(storageDir),
      WebSocket: WebSocket as unknown as SocketConstructor,
      device: 'bot',
    })
    cores.push(restarted)
    expect(restarted.view().rooms.lobby?.name).toBe('Lobby')
    expect(content(restarted.team.doc)).toBe(content(witness))
    expect(content(restarted.team.doc)).not.toContain('Hacked')
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
