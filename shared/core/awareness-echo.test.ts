// The core sends only its own awareness state: every frame counts against the server's per-connection
// rate limit, and y-websocket would otherwise relay each change it hears back to the server.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as decoding from 'lib0/decoding'
import { createTestTeam, openCore, removeTempDirs, startTestServer, tempDir, tokenFor, waitFor } from '../../server/testing/harness'
import type { RunningServer } from '../../server/start'
import type { SocketConstructor } from './jittered-socket'
import { MemoryStorage } from './storage-port'
import { decodePresenceDeltas } from '../contract/presence-delta'
import { PresenceCore } from './engine'

const cores: PresenceCore[] = []
const servers: RunningServer[] = []
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()))
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

/** Client ids named by each awareness or presence delta frame this socket class sent. */
function recordingSocket(sent: number[][]): SocketConstructor {
  class Recording extends WebSocket {
    override send(data: unknown, ...rest: unknown[]): void {
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer)
      const decoder = decoding.createDecoder(bytes)
      if (decoding.readVarUint(decoder) === 1) {
        const update = decoding.createDecoder(decoding.readVarUint8Array(decoder))
        const count = decoding.readVarUint(update)
        const ids: number[] = []
        for (let i = 0; i < count; i++) {
          ids.push(decoding.readVarUint(update))
          decoding.readVarUint(update)
          decoding.readVarString(update)
        }
        sent.push(ids)
      }
      const deltas = decodePresenceDeltas(bytes)
      if (deltas.ok) sent.push(deltas.deltas.map((delta) => delta.clientId))
      ;(super.send as (...args: unknown[]) => void)(data, ...rest)
    }
  }
  return Recording as unknown as SocketConstructor
}

describe('awareness from a core', () => {
  it('carries only its own client id, however many changes of others it hears', async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir, 'Acme')
    const server = await startTestServer(dir)
    servers.push(server)
    const sent: number[][] = []
    const ada = await PresenceCore.open({
      serverUrl: server.url,
      token: await tokenFor(dir, teamId, 'ada'),
      storage: new MemoryStorage(),
      WebSocket: recordingSocket(sent),
      device: 'bot',
    })
    cores.push(ada)
    await ada.whenSynced()
    const bob = await openCore(server.url, await tokenFor(dir, teamId, 'bob'))
    cores.push(bob)
    await bob.whenSynced()

    for (const roomId of ['lobby', 'kitchen', 'lobby', 'kitchen', 'standup']) {
      expect(await bob.execute({ type: 'enterRoom', roomId })).toEqual({ ok: true })
      await waitFor(`ada to see bob in ${roomId}`, () => ada.view().rooms[roomId]!.occupants.includes('bob'))
    }
    // Ada's own move after Bob's: once it is sent, any relay of his changes would have gone before it.
    expect(await ada.execute({ type: 'enterRoom', roomId: 'lobby' })).toEqual({ ok: true })
    await waitFor('bob to see ada in the lobby', () => bob.view().rooms.lobby!.occupants.includes('ada'))

    const adaId = ada.awareness.clientID
    expect(sent.length).toBeGreaterThan(0)
    expect(sent.flat().filter((id) => id !== adaId)).toEqual([])
  })
})
