// Read markers across a member's devices (issue 12): a real server, real sockets, the real SQLite store.
import WebSocket from 'ws'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/contract/close-codes'
import { chatDocName, teamDocName } from '../../shared/contract/doc-names'
import { READ_MARKER_MESSAGE, READ_MARKER_PARAM } from '../../shared/contract/read-markers'
import { ByteWriter } from '../../shared/contract/wire-bytes'
import { Discussion } from '../../shared/model/discussion'
import { readSummary } from '../../shared/model/room-activity'
import type { Role } from '../../shared/model/schema'
import { TeamDoc } from '../../shared/model/team-doc'
import type { SocketConstructor } from '../../shared/core/jittered-socket'
import type { RunningServer } from '../start'
import { SqliteStore } from '../store/sqlite-store'
import { createTestTeam, openProvider, readMetric, removeTempDirs, startTestServer, tempDir, tokenFor, waitFor } from '../testing/harness'
import { markerClient, type MarkerClient } from '../testing/marker-client'
import { rawYjsClient, type RawYjsClient } from '../testing/raw-yjs-client'
import { READ_MARKER_SLACK } from './read-markers'

const servers: RunningServer[] = []
const sockets: Array<{ ws: WebSocket }> = []
const stops: Array<() => void> = []
afterEach(async () => {
  for (const stop of stops.splice(0)) stop()
  for (const socket of sockets.splice(0)) socket.ws.terminate()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

async function setup(dir = tempDir(), teamId?: string) {
  const team = teamId ?? (await createTestTeam(dir, 'Acme'))
  const server = await startTestServer(dir)
  servers.push(server)
  const connect = async (user: string, options: { negotiate?: boolean; doc?: string } = {}): Promise<MarkerClient> => {
    const client = markerClient(server.url, options.doc ?? teamDocName(team), await tokenFor(dir, team, user), options.negotiate ?? true)
    sockets.push(client)
    await client.opened
    return client
  }
  const post = async (user: string, roomId: string, count: number): Promise<RawYjsClient> => {
    const chat = rawYjsClient(server.url, chatDocName(team, roomId), await tokenFor(dir, team, user))
    sockets.push(chat)
    await chat.synced
    for (let i = 0; i < count; i++) chat.write((doc) => new Discussion(doc).post(`${user}-${roomId}-${i}`, user, `post ${i}`, 1, []))
    return chat
  }
  const connectYjs = async (user: string, role: Role = 'member'): Promise<RawYjsClient> => {
    const client = rawYjsClient(server.url, teamDocName(team), await tokenFor(dir, team, user, role))
    sockets.push(client)
    await client.synced
    return client
  }
  return { dir, teamId: team, server, connect, connectYjs, post }
}

/** What the store holds once the servers have stopped (a stop commits the markers still waiting for their window). */
async function storedAfterStop(dir: string, teamId: string, userId: string): Promise<Map<string, number>> {
  await Promise.all(servers.splice(0).map((server) => server.close()))
  const store = SqliteStore.open(dir, { watchIntervalMs: 0 })
  try {
    return await store.readMarkers(teamId, userId)
  } finally {
    await store.close()
  }
}

/** A frame of type 101 written by hand, to send what the encoder would never make. */
function handMade(write: (writer: ByteWriter) => void): Uint8Array {
  const writer = new ByteWriter()
  writer.varUint(READ_MARKER_MESSAGE)
  write(writer)
  return writer.bytes()
}

describe('read markers follow the member, never anyone else', () => {
  it("a read on A's first connection reaches A's second, and neither B's connection nor A's connection that did not ask for markers", async () => {
    const { connect } = await setup()
    const laptop = await connect('ada')
    const phone = await connect('ada')
    const plainAda = await connect('ada', { negotiate: false })
    const bob = await connect('bob')
    const bobPhone = await connect('bob')

    laptop.send([{ roomId: 'kitchen', seq: 3 }])
    await phone.receives('kitchen', 3)
    // A later marker of Bob's reaches Bob's socket after anything Ada's could have put there.
    bobPhone.send([{ roomId: 'lobby', seq: 1 }])
    await bob.receives('lobby', 1)
    await Promise.all([bob.barrier(), plainAda.barrier(), laptop.barrier()])
    expect(bob.markers()).toEqual([{ roomId: 'lobby', seq: 1 }])
    expect(plainAda.frames.filter((frame) => frame[0] === READ_MARKER_MESSAGE)).toEqual([])
    // The sender is not told its own marker back.
    expect(laptop.markers()).toEqual([])
  })

  it('a new connection of the member gets their stored markers, and only theirs, as soon as it joins', async () => {
    const { connect } = await setup()
    const laptop = await connect('ada')
    const phone = await connect('ada')
    const bob = await connect('bob')
    const bobPhone = await connect('bob')
    laptop.send([{ roomId: 'kitchen', seq: 2 }, { roomId: 'lobby', seq: 4 }])
    bob.send([{ roomId: 'kitchen', seq: 9 }])
    await Promise.all([phone.receives('lobby', 4), bobPhone.receives('kitchen', 9)])

    const tablet = await connect('ada')
    await tablet.receives('lobby', 4)
    await tablet.barrier()
    expect(tablet.markers().sort((a, b) => a.roomId.localeCompare(b.roomId))).toEqual([{ roomId: 'kitchen', seq: 2 }, { roomId: 'lobby', seq: 4 }])
  })

  it('a member who joins after posts has them read: the connection that adds her gets markers at each room\'s sequence; later posts stay unread', async () => {
    const { connect, connectYjs, post, dir, teamId } = await setup()
    const bob = await connect('bob')
    const watcher = await connectYjs('bob')
    const chat = await post('bob', 'kitchen', 3)
    await waitFor('the summary of three posts', () => readSummary(new TeamDoc(watcher.doc), 'kitchen')?.seq === 3)
    const kim = await connect('kim')
    await kim.receives('kitchen', 3)
    chat.write((doc) => new Discussion(doc).post('bob-kitchen-late', 'bob', 'after Kim joined', 1, []))
    await waitFor('the fourth post in the summary', () => readSummary(new TeamDoc(watcher.doc), 'kitchen')?.seq === 4)
    const kimLater = await connect('kim')
    await kimLater.receives('kitchen', 3)
    await kimLater.barrier()
    expect(kimLater.markers()).toEqual([{ roomId: 'kitchen', seq: 3 }])
    // Bob joined before any post: nothing to mark for him, said in one empty message (his device settles on it).
    await bob.barrier()
    expect(bob.markers()).toEqual([])
    expect(bob.frames.filter((frame) => frame[0] === READ_MARKER_MESSAGE)).toEqual([handMade((w) => w.varUint(0))])
    expect(await storedAfterStop(dir, teamId, 'kim')).toEqual(new Map([['kitchen', 3]]))
  })

  it('a lower marker never lowers: it is not passed on, and the store keeps the highest', async () => {
    const { connect, dir, teamId } = await setup()
    const laptop = await connect('ada')
    const phone = await connect('ada')
    laptop.send([{ roomId: 'kitchen', seq: 7 }])
    await phone.receives('kitchen', 7)
    laptop.send([{ roomId: 'kitchen', seq: 3 }])
    laptop.send([{ roomId: 'kitchen', seq: 7 }])
    laptop.send([{ roomId: 'kitchen', seq: 8 }])
    await phone.receives('kitchen', 8)
    expect(phone.markers()).toEqual([{ roomId: 'kitchen', seq: 7 }, { roomId: 'kitchen', seq: 8 }])
    expect(await storedAfterStop(dir, teamId, 'ada')).toEqual(new Map([['kitchen', 8]]))
  })

  it('markers survive a server restart: the store has them, and the next connection gets them', async () => {
    const first = await setup()
    const laptop = await first.connect('ada')
    const phone = await first.connect('ada')
    laptop.send([{ roomId: 'kitchen', seq: 5 }])
    await phone.receives('kitchen', 5)
    const [running] = servers.splice(0)
    await running!.close()

    const again = await setup(first.dir, first.teamId)
    const tablet = await again.connect('ada')
    await tablet.receives('kitchen', 5)
    expect(tablet.markers()).toEqual([{ roomId: 'kitchen', seq: 5 }])
  })
})

describe('forged or hostile markers', () => {
  it('clamps a marker beyond the room summary plus the slack to that ceiling (it can only hide the sender its own future posts)', async () => {
    const { connect, connectYjs, post, server } = await setup()
    const laptop = await connect('ada')
    const phone = await connect('ada')
    laptop.send([{ roomId: 'kitchen', seq: Number.MAX_SAFE_INTEGER }])
    await phone.receives('kitchen', READ_MARKER_SLACK)
    expect(await readMetric(server.url, 'hallway_refusals_total{reason="read-marker-clamped"}')).toBe(1)

    // Three posts move the ceiling by three; once a member's replica has the summary, so has the server.
    const watcher = await connectYjs('carol')
    await post('bob', 'lobby', 3)
    await waitFor('the lobby summary', () => readSummary(new TeamDoc(watcher.doc), 'lobby')?.seq === 3)
    laptop.send([{ roomId: 'lobby', seq: 1000 }])
    await phone.receives('lobby', 3 + READ_MARKER_SLACK)
    expect(laptop.ws.readyState).toBe(WebSocket.OPEN)
  })

  it('ignores a marker for a room the team does not have: nothing is stored or passed on, and the connection carries on', async () => {
    const { connect, server, dir, teamId } = await setup()
    const laptop = await connect('ada')
    const phone = await connect('ada')
    laptop.send([{ roomId: 'nowhere', seq: 1 }])
    laptop.send([{ roomId: 'kitchen', seq: 1 }])
    await phone.receives('kitchen', 1)
    expect(phone.markers()).toEqual([{ roomId: 'kitchen', seq: 1 }])
    expect(await readMetric(server.url, 'hallway_refusals_total{reason="read-marker-unknown-room"}')).toBe(1)
    expect(await storedAfterStop(dir, teamId, 'ada')).toEqual(new Map([['kitchen', 1]]))
  })

  it("keeps at most one marker per room the team has: a deleted room's marker is not sent, and is dropped from the store, on the member's next connect", async () => {
    const { connect, connectYjs, dir, teamId } = await setup()
    const laptop = await connect('ada')
    const phone = await connect('ada')
    laptop.send([{ roomId: 'focus', seq: 2 }, { roomId: 'kitchen', seq: 1 }])
    await phone.receives('kitchen', 1)
    const admin = await connectYjs('root', 'admin')
    admin.write((doc) => new TeamDoc(doc).rooms.delete('focus'))
    const watcher = await connectYjs('carol')
    await waitFor('the room gone at a member', () => new TeamDoc(watcher.doc).room('focus') === null)

    const tablet = await connect('ada')
    await tablet.receives('kitchen', 1)
    await tablet.barrier()
    expect(tablet.markers()).toEqual([{ roomId: 'kitchen', seq: 1 }])
    // The drop follows the send in the same turn of the join's work, so it is done by now.
    expect(await storedAfterStop(dir, teamId, 'ada')).toEqual(new Map([['kitchen', 1]]))
  })

  it('closes with 1003 a marker message that does not decode: a room id of the wrong shape, a sequence past a safe integer, too many markers', async () => {
    const { connect } = await setup()
    const cases: Array<[string, Uint8Array]> = [
      ['room id shape', handMade((w) => (w.varUint(1), w.string('no such/room'), w.varUint(1)))],
      ['unsafe sequence', handMade((w) => (w.varUint(1), w.string('kitchen'), [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f].forEach((b) => w.byte(b))))],
      ['too many', handMade((w) => w.varUint(257))],
      ['same room twice', handMade((w) => (w.varUint(2), w.string('kitchen'), w.varUint(1), w.string('kitchen'), w.varUint(2)))],
    ]
    for (const [what, frame] of cases) {
      const client = await connect('mallory')
      client.ws.send(frame)
      expect(await client.closed, what).toEqual({ code: CloseCode.malformed, reason: 'malformed message' })
    }
    // An empty one (what the server sends a member with none) changes nothing and keeps the connection.
    const honest = await connect('ada')
    honest.ws.send(handMade((w) => w.varUint(0)))
    honest.send([{ roomId: 'kitchen', seq: 1 }])
    const phone = await connect('ada')
    await phone.receives('kitchen', 1)
  })

  it('closes with 1003 a marker from a connection that did not ask for them (a discussion, or a team connection without ?reads=marker)', async () => {
    const { connect, teamId } = await setup()
    const plain = await connect('mallory', { negotiate: false })
    const chat = await connect('mallory', { doc: chatDocName(teamId, 'kitchen') })
    for (const client of [plain, chat]) {
      client.send([{ roomId: 'kitchen', seq: 1 }])
      expect(await client.closed).toEqual({ code: CloseCode.malformed, reason: 'read markers not negotiated' })
    }
  })

  it('counts marker messages against the rate limit like every frame: a flood is cut with 4429', async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir, 'Acme')
    const server = await startTestServer(dir, { maxMessagesPerSecond: 20 })
    servers.push(server)
    const flood = markerClient(server.url, teamDocName(teamId), await tokenFor(dir, teamId, 'mallory'))
    sockets.push(flood)
    await flood.opened
    for (let seq = 1; seq <= 200; seq++) flood.send([{ roomId: 'kitchen', seq }])
    expect((await flood.closed).code).toBe(CloseCode.rateLimited)
  })
})

describe('clients that do not speak markers', () => {
  it('the stock WebsocketProvider syncs the team document and never gets a marker message while members move theirs', async () => {
    const { connect, connectYjs, server, dir, teamId } = await setup()
    const firstBytes: number[] = []
    class RecordingSocket extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args)
        this.on('message', (data) => firstBytes.push((data as Buffer)[0]!))
      }
    }
    const provider = openProvider(server.url, teamDocName(teamId), await tokenFor(dir, teamId, 'ada'), { WebSocket: RecordingSocket as unknown as SocketConstructor })
    stops.push(() => provider.destroy())
    await waitFor('the stock client to sync', () => provider.synced)
    const laptop = await connect('ada')
    const phone = await connect('ada')
    laptop.send([{ roomId: 'kitchen', seq: 2 }])
    await phone.receives('kitchen', 2)
    // A room an admin creates reaches the stock client after anything a marker could have sent it.
    const admin = await connectYjs('root', 'admin')
    admin.write((doc) => new TeamDoc(doc).addRoom('after', { name: 'After', kind: 'open', door: 'open', capacity: 0, order: 9 }))
    await waitFor('the new room on the stock client', () => new TeamDoc(provider.doc).room('after') !== null)
    expect(firstBytes).not.toContain(READ_MARKER_MESSAGE)
    expect(provider.wsconnected).toBe(true)
    expect(new URL(provider.url).searchParams.get(READ_MARKER_PARAM.name)).toBeNull()
  })
})
