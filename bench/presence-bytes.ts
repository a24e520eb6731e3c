// Presence bytes on the wire (issue 14): what one mic toggle or room walk of a core costs each
// recipient, WebSocket framing included, as the standard awareness message (what a stock client
// gets, and every client got before deltas) against the presence delta, in the same run.
import type { Socket } from 'node:net'
import { teamDocName } from '../shared/contract/doc-names'
import { PRESENCE_DELTA_PARAM } from '../shared/contract/presence-delta'
import WebSocket from 'ws'
import { PresenceCore } from '../shared/core/engine'
import type { SocketConstructor } from '../shared/core/jittered-socket'
import { MemoryStorage } from '../shared/core/storage-port'
import { createTestTeam, rawClient, removeTempDirs, startTestServer, tempDir, tokenFor, waitFor, type RawClient } from '../server/testing/harness'
import type { Figure } from './presence'

const CHANGES = 20

/** Bytes this client's TCP socket has read: whole WebSocket frames, headers included. */
export function bytesRead(client: RawClient): number {
  return tcpOf(client.ws).bytesRead
}

/** ws keeps the net.Socket under it private; its counters are the wire truth we want. */
function tcpOf(ws: WebSocket): Socket {
  return (ws as unknown as { _socket: Socket })._socket
}

/** A ws client class that keeps every socket it opens, to read their byte counters. */
function trackedSocketClass(opened: WebSocket[]): SocketConstructor {
  class Tracked extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args)
      opened.push(this)
    }
  }
  return Tracked as unknown as SocketConstructor
}

interface Totals {
  stock: number
  delta: number
  upstream: number
}

async function measure(actor: WebSocket, receivers: { stock: RawClient; delta: RawClient }, changes: Array<() => Promise<unknown>>): Promise<Totals> {
  const totals: Totals = { stock: 0, delta: 0, upstream: 0 }
  for (const change of changes) {
    const before = { stock: bytesRead(receivers.stock), delta: bytesRead(receivers.delta), frames: [receivers.stock.frames.length, receivers.delta.frames.length], up: tcpOf(actor).bytesWritten }
    const result = await change()
    if ((result as { ok?: boolean }).ok !== true) throw new Error(`bench change failed: ${JSON.stringify(result)}`)
    await waitFor('both receivers to get the change', () => receivers.stock.frames.length > before.frames[0]! && receivers.delta.frames.length > before.frames[1]!)
    totals.stock += bytesRead(receivers.stock) - before.stock
    totals.delta += bytesRead(receivers.delta) - before.delta
    totals.upstream += tcpOf(actor).bytesWritten - before.up
  }
  return { stock: totals.stock / changes.length, delta: totals.delta / changes.length, upstream: totals.upstream / changes.length }
}

export async function runPresenceBytesBench(): Promise<Figure[]> {
  const dir = tempDir('hallway-bench-bytes-')
  const server = await startTestServer(dir)
  const cores: PresenceCore[] = []
  const clients: RawClient[] = []
  try {
    const teamId = await createTestTeam(dir, 'Bench Co')
    const docName = teamDocName(teamId)
    const sockets: WebSocket[] = []
    const ada = await PresenceCore.open({
      serverUrl: server.url,
      token: await tokenFor(dir, teamId, 'ada', 'admin'),
      storage: new MemoryStorage(),
      WebSocket: trackedSocketClass(sockets),
      device: 'desktop',
    })
    cores.push(ada)
    await ada.whenSynced()
    // Rooms as members make them: 20-character ids.
    for (const name of ['Design review', 'Focus corner']) await ada.execute({ type: 'createRoom', name, kind: 'open' })
    const [roomA, roomB] = Object.values(ada.view().rooms).filter((room) => room.name === 'Design review' || room.name === 'Focus corner').map((room) => room.id)
    await ada.execute({ type: 'enterRoom', roomId: roomA! })

    const receiver = async (user: string, params: Record<string, string>) => {
      const client = rawClient(server.url, docName, await tokenFor(dir, teamId, user), {}, params)
      clients.push(client)
      await client.opened
      return client
    }
    const receivers = { stock: await receiver('stock-reader', {}), delta: await receiver('delta-reader', { [PRESENCE_DELTA_PARAM.name]: PRESENCE_DELTA_PARAM.value }) }
    await waitFor('the receivers to hold ada', () => receivers.stock.frames.length >= 2 && receivers.delta.frames.length >= 2)

    // The core holds one socket: its team document's.
    const adaSocket = sockets.at(-1)!
    const mic = await measure(adaSocket, receivers, Array.from({ length: CHANGES }, (_, i) => () => ada.execute({ type: 'setMic', on: i % 2 === 1 })))
    const walk = await measure(adaSocket, receivers, Array.from({ length: CHANGES }, (_, i) => () => ada.execute({ type: 'enterRoom', roomId: i % 2 === 0 ? roomB! : roomA! })))
    // From the hallway and back: room, mic and media epoch change together.
    const inAndOut = await measure(adaSocket, receivers, Array.from({ length: CHANGES }, (_, i) => () => ada.execute(i % 2 === 0 ? { type: 'leaveRoom' } : { type: 'enterRoom', roomId: roomA! })))
    const round = (value: number) => Math.round(value * 10) / 10
    const standard = (value: number) => ({ name: 'standard awareness message', value: round(value) })
    return [
      { name: 'mic toggle, bytes per recipient on the wire (delta)', value: round(mic.delta), unit: 'B', baseline: standard(mic.stock) },
      { name: 'room walk, bytes per recipient on the wire (delta)', value: round(walk.delta), unit: 'B', baseline: standard(walk.stock) },
      { name: 'leave to the hallway or walk in, per recipient (delta)', value: round(inAndOut.delta), unit: 'B', baseline: standard(inAndOut.stock) },
      { name: 'mic toggle, bytes the core sends (delta, masked)', value: round(mic.upstream), unit: 'B' },
      { name: 'room walk, bytes the core sends (delta, masked)', value: round(walk.upstream), unit: 'B' },
    ]
  } finally {
    for (const client of clients) client.ws.terminate()
    await Promise.all(cores.map((core) => core.close()))
    await server.close()
    removeTempDirs()
  }
}
