// Read markers on the wire (issue 12): what a posted message costs each member of the team when R
// readers have the room's discussion open. Markers are kept on each device, so open readers should
// cost the others nothing beyond the summary.
import { setTimeout as sleep } from 'node:timers/promises'
import WebSocket from 'ws'
import { chatDocName, teamDocName } from '../../shared/contract/doc-names'
import { PresenceCore } from '../../shared/core/engine'
import type { SocketConstructor } from '../../shared/core/jittered-socket'
import { MemoryStorage } from '../../shared/core/storage-port'
import { Discussion } from '../../shared/model/discussion'
import { readSummary } from '../../shared/model/room-activity'
import { TeamDoc } from '../../shared/model/team-doc'
import type { RunningServer } from '../../server/start'
import { createTestTeam, startTestServer, tempDir, tokenFor, waitFor } from '../../server/testing/harness'
import { rawYjsClient, type RawYjsClient } from '../../server/testing/raw-yjs-client'
import { decodeMessage } from '../../server/sync/protocol'
import { bytesRead } from '../presence-bytes'
import type { Figure } from '../presence'

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

/**
 * Bytes a bystander (a member not in the room) reads per posted message while `readers` real cores
 * have the discussion open, from the first post until every reader read it all and closed it, and
 * one more post after that has reached the bystander (anything the readers sent came before it).
 */
async function perPost(office: Office, readers: number, round: number): Promise<{ wire: number; document: number }> {
  const readerIds = Array.from({ length: readers }, (_, i) => `reader-${round}-${i}`)
  const cores = await Promise.all(
    readerIds.map(async (user) => {
      const core = await PresenceCore.open({
        serverUrl: office.server.url,
        token: await tokenFor(office.dir, office.teamId, user),
        storage: new MemoryStorage(),
        WebSocket: WebSocket as unknown as SocketConstructor,
        device: 'bot',
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
  // Presence (readers' awareness renewals) shares the wire; document updates are what markers would add to.
  let documentBytes = 0
  bystander.ws.on('message', (data: Buffer) => {
    const type = decodeMessage(new Uint8Array(data)).type
    if (type === 'update' || type === 'syncStep2') documentBytes += data.length
  })
  const before = bytesRead(bystander)
  for (let i = 0; i < POSTS; i++) {
    poster.write((doc) => new Discussion(doc).post(`m-${round}-${i}`, `poster-${round}`, `message ${i}`, Date.now()))
    await sleep(POST_EVERY_MS)
  }
  const last = first + POSTS - 1
  await waitFor('every reader to have read it all', () => cores.every((core) => readSummary(core.team, ROOM)?.seq === last && core.view().rooms[ROOM]?.unread === 0), 30_000)
  await Promise.all(cores.map((core) => core.execute({ type: 'closeDiscussion', roomId: ROOM })))
  poster.write((doc) => new Discussion(doc).post(`m-${round}-after`, `poster-${round}`, 'after', Date.now()))
  await waitFor('the post after the readers closed, at the bystander', () => readSummary(seen, ROOM)?.seq === last + 1, 30_000)
  return { wire: (bytesRead(bystander) - before) / (POSTS + 1), document: documentBytes / (POSTS + 1) }
}

export async function runReadMarkersWireBench(): Promise<Figure[]> {
  const dir = tempDir('hallway-bench-reads-')
  const office: Office = { dir, teamId: await createTestTeam(dir, 'Bench Co'), server: await startTestServer(dir), clients: [], cores: [] }
  try {
    const round = (value: number) => Math.round(value * 10) / 10
    let run = 0
    const alone = await perPost(office, 0, run++)
    const figures: Figure[] = [
      { name: 'posted message, no reader open: document bytes per member (the summary)', value: round(alone.document), unit: 'B' },
      { name: 'posted message, no reader open: all bytes per member on the wire', value: round(alone.wire), unit: 'B' },
    ]
    for (const readers of [5, 20]) {
      const open = await perPost(office, readers, run++)
      figures.push(
        { name: `posted message, ${readers} readers open: document bytes per member (markers stay on devices)`, value: round(open.document), unit: 'B', baseline: { name: 'no reader open', value: round(alone.document) } },
        { name: `posted message, ${readers} readers open: all bytes per member, readers' presence included`, value: round(open.wire), unit: 'B', baseline: { name: 'no reader open', value: round(alone.wire) } },
      )
    }
    return figures
  } finally {
    for (const client of office.clients) client.ws.terminate()
    await Promise.all(office.cores.map((core) => core.close()))
    await office.server.close()
  }
}
