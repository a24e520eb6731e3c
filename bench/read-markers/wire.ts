// Read markers on the wire (issue 12): what one marker move costs each member of the team, and what
// a posted message costs them when R readers have the room's discussion open, with markers that
// follow every message against markers held back (READ_MARK_EVERY_MS), in the same run.
import { setTimeout as sleep } from 'node:timers/promises'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { chatDocName, teamDocName } from '../../shared/contract/doc-names'
import { PresenceCore } from '../../shared/core/engine'
import type { SocketConstructor } from '../../shared/core/jittered-socket'
import { READ_MARK_EVERY_MS } from '../../shared/core/read-marking'
import { MemoryStorage } from '../../shared/core/storage-port'
import { Discussion } from '../../shared/model/discussion'
import { readMarker, readSummary } from '../../shared/model/room-activity'
import { TeamDoc } from '../../shared/model/team-doc'
import type { RunningServer } from '../../server/start'
import { createTestTeam, startTestServer, tempDir, tokenFor, waitFor } from '../../server/testing/harness'
import { rawYjsClient, type RawYjsClient } from '../../server/testing/raw-yjs-client'
import { bytesRead } from '../presence-bytes'
import type { Figure } from '../presence'

const MARKER_MOVES = 20
/** A lively discussion: one message a second for ten seconds. */
const POSTS = 10
const POST_EVERY_MS = 1000
const ROOM = 'kitchen'

interface Office {
  dir: string
  teamId: string
  server: RunningServer
  clients: RawYjsClient[]
  cores: PresenceCore[]
}

async function rawMember(office: Office, user: string, docName = teamDocName(office.teamId)): Promise<RawYjsClient> {
  const client = rawYjsClient(office.server.url, docName, await tokenFor(office.dir, office.teamId, user))
  office.clients.push(client)
  await client.synced
  return client
}

/** Bytes a bystander reads per marker move of one member (a raw client writes the marker). */
async function perMarkerMove(office: Office): Promise<number> {
  const ada = await rawMember(office, 'ada')
  const bystander = await rawMember(office, 'bystander-1')
  const seen = new TeamDoc(bystander.doc)
  await waitFor("ada's marker map", () => ada.doc.getMap('reads').get('ada') instanceof Y.Map)
  const before = bytesRead(bystander)
  for (let seq = 1; seq <= MARKER_MOVES; seq++) {
    ada.write((doc) => (doc.getMap('reads').get('ada') as Y.Map<unknown>).set(ROOM, seq))
    await waitFor('the bystander to see the move', () => readMarker(seen, 'ada', ROOM) === seq)
  }
  return (bytesRead(bystander) - before) / MARKER_MOVES
}

/**
 * Bytes a bystander (a member not in the room) reads per posted message while `readers` real cores
 * have the discussion open, from the first post until every reader closed it and their markers landed.
 */
async function perPost(office: Office, readers: number, readMarkEveryMs: number, round: number): Promise<number> {
  const readerIds = Array.from({ length: readers }, (_, i) => `reader-${round}-${i}`)
  const cores = await Promise.all(
    readerIds.map(async (user) => {
      const core = await PresenceCore.open({
        serverUrl: office.server.url,
        token: await tokenFor(office.dir, office.teamId, user),
        storage: new MemoryStorage(),
        WebSocket: WebSocket as unknown as SocketConstructor,
        device: 'bot',
        readMarkEveryMs,
      })
      office.cores.push(core)
      await core.whenSynced()
      await core.execute({ type: 'openDiscussion', roomId: ROOM })
      return core
    }),
  )
  const poster = await rawMember(office, `poster-${round}`, chatDocName(office.teamId, ROOM))
  const bystander = await rawMember(office, `bystander-${round}`)
  const seen = new TeamDoc(bystander.doc)
  const first = (readSummary(seen, ROOM)?.seq ?? 0) + 1
  const before = bytesRead(bystander)
  for (let i = 0; i < POSTS; i++) {
    poster.write((doc) => new Discussion(doc).post(`m-${round}-${i}`, `poster-${round}`, `message ${i}`, Date.now()))
    await sleep(POST_EVERY_MS)
  }
  const last = first + POSTS - 1
  await waitFor('the last summary at the bystander', () => readSummary(seen, ROOM)?.seq === last)
  await Promise.all(cores.map((core) => core.execute({ type: 'closeDiscussion', roomId: ROOM })))
  await waitFor('every reader marked at the bystander', () => readerIds.every((user) => readMarker(seen, user, ROOM) === last), 30_000)
  return (bytesRead(bystander) - before) / POSTS
}

export async function runReadMarkersWireBench(): Promise<Figure[]> {
  const dir = tempDir('hallway-bench-reads-')
  const office: Office = { dir, teamId: await createTestTeam(dir, 'Bench Co'), server: await startTestServer(dir), clients: [], cores: [] }
  try {
    const round = (value: number) => Math.round(value * 10) / 10
    const figures: Figure[] = [{ name: 'one marker move, bytes per member on the wire', value: round(await perMarkerMove(office)), unit: 'B' }]
    let run = 0
    const summaryOnly = await perPost(office, 0, READ_MARK_EVERY_MS, run++)
    figures.push({ name: 'posted message, no reader open: the summary alone, per member', value: round(summaryOnly), unit: 'B' })
    for (const readers of [5, 20]) {
      const every = await perPost(office, readers, 0, run++)
      const held = await perPost(office, readers, READ_MARK_EVERY_MS, run++)
      figures.push({
        name: `posted message, ${readers} readers open, per member (markers held back ${READ_MARK_EVERY_MS / 1000} s)`,
        value: round(held),
        unit: 'B',
        baseline: { name: 'markers following every message', value: round(every) },
      })
    }
    return figures
  } finally {
    for (const client of office.clients) client.ws.terminate()
    await Promise.all(office.cores.map((core) => core.close()))
    await office.server.close()
  }
}
