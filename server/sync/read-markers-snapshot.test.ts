// A connection's stored markers against the ones raised while the store is read: a real server, real
// sockets, the real SQLite store, with its marker read held at a gate so the race happens every time.
import WebSocket from 'ws'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { teamDocName } from '../../shared/contract/doc-names'
import type { RunningServer } from '../start'
import type { HallwayStore } from '../store/doc-store'
import { SqliteStore } from '../store/sqlite-store'
import { createTestTeam, removeTempDirs, startTestServer, tempDir, tokenFor, waitFor } from '../testing/harness'
import { markerClient } from '../testing/marker-client'

const servers: RunningServer[] = []
const sockets: Array<{ ws: WebSocket }> = []
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.ws.terminate()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

/** The real store, whose marker reads wait for `release()` while `hold` is on. */
function gatedStore(real: SqliteStore) {
  const gate = { hold: false, started: 0, done: 0, release: () => undefined as void }
  const opened = new Promise<void>((resolve) => (gate.release = resolve))
  const store = new Proxy(real, {
    get(target, key, receiver) {
      if (key === 'readMarkers') {
        return async (teamId: string, userId: string) => {
          gate.started++
          if (gate.hold) await opened
          const markers = await target.readMarkers(teamId, userId)
          gate.done++
          return markers
        }
      }
      const value = Reflect.get(target, key, receiver) as unknown
      return typeof value === 'function' ? value.bind(target) : value
    },
  }) as HallwayStore
  return { store, gate }
}

/** A server on the gated store, and a way to open marker connections to its team document. */
async function setup() {
  const dir = tempDir()
  const team = await createTestTeam(dir, 'Acme')
  const real = SqliteStore.open(dir, { watchIntervalMs: 0 })
  const { store, gate } = gatedStore(real)
  const server = await startTestServer(dir, { store })
  servers.push(server)
  const connect = async (user: string) => {
    const client = markerClient(server.url, teamDocName(team), await tokenFor(dir, team, user))
    sockets.push(client)
    await client.opened
    return client
  }
  return { team, real, gate, connect }
}

/** Ada's laptop, and her phone whose stored markers are held mid-read while the laptop's kitchen 3 reaches it live. */
async function phoneHeldWhileLaptopReads() {
  const { team, real, gate, connect } = await setup()
  const laptop = await connect('ada')
  await waitFor("the laptop's stored markers read", () => gate.done === 1)
  gate.hold = true
  const phone = await connect('ada')
  await waitFor("the phone's stored markers being read", () => gate.started === 2)
  laptop.send([{ roomId: 'kitchen', seq: 3 }])
  await phone.receives('kitchen', 3)
  return { team, real, gate, phone }
}

describe("a new connection's stored markers", () => {
  it('a marker raised while they are read reaches the new connection once: live, and not again with the stored ones', async () => {
    const { gate, phone } = await phoneHeldWhileLaptopReads()
    gate.release()
    // The read now finds kitchen 3 in the store; whatever it sends is on the socket before the next sync answer.
    await waitFor("the phone's stored markers read", () => gate.done === 2)
    await phone.barrier()
    expect(phone.markers()).toEqual([{ roomId: 'kitchen', seq: 3 }])
  })

  it('a stored marker the connection has not had live (another node wrote it while the store was read) is still sent', async () => {
    const { team, real, gate, phone } = await phoneHeldWhileLaptopReads()
    // As a node that has not relayed them yet would leave them: in the store, not on this node's sockets.
    await real.raiseReadMarkers(team, 'ada', [{ roomId: 'kitchen', seq: 5 }, { roomId: 'lobby', seq: 1 }])
    gate.release()
    await phone.receives('lobby', 1)
    await phone.barrier()
    const [live, ...stored] = phone.markers()
    expect(live).toEqual({ roomId: 'kitchen', seq: 3 })
    expect(stored.sort((a, b) => a.roomId.localeCompare(b.roomId))).toEqual([{ roomId: 'kitchen', seq: 5 }, { roomId: 'lobby', seq: 1 }])
  })
})
