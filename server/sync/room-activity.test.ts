// Discussion summaries in the team document, and no read markers there, against a real server (issue 12).
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/contract/close-codes'
import { chatDocName, teamDocName } from '../../shared/contract/doc-names'
import { Discussion } from '../../shared/model/discussion'
import { readSummary } from '../../shared/model/room-activity'
import type { Role } from '../../shared/model/schema'
import { TeamDoc } from '../../shared/model/team-doc'
import type { RunningServer } from '../start'
import { createTestTeam, removeTempDirs, startTestServer, tempDir, tokenFor, waitFor } from '../testing/harness'
import { rawYjsClient, type RawYjsClient } from '../testing/raw-yjs-client'

const livekit = { url: 'ws://127.0.0.1:7880', apiKey: 'devkey', apiSecret: 'secret' }
const servers: RunningServer[] = []
const clients: RawYjsClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.ws.terminate()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

async function setup() {
  const dir = tempDir()
  const teamId = await createTestTeam(dir, 'Acme')
  const server = await startTestServer(dir, { livekit })
  servers.push(server)
  const connect = async (user: string, doc = teamDocName(teamId), role: Role = 'member') => {
    const client = rawYjsClient(server.url, doc, await tokenFor(dir, teamId, user, role))
    clients.push(client)
    await client.synced
    return client
  }
  const kitchenChat = chatDocName(teamId, 'kitchen')
  /** `user` posts in the kitchen as the core does: through the model, with the mentions it resolved. */
  const post = async (user: string, text: string, mentions: string[] = []) => {
    const chat = await connect(user, kitchenChat)
    chat.write((doc) => new Discussion(doc).post(`${user}-${text.replace(/\W/g, '-')}`, user, text, 1, mentions))
    return chat
  }
  return { connect, post, kitchenChat }
}

describe('discussion summaries: the server moves them, from real posts only', () => {
  it("a post moves the room's summary every member sees, with the mentions of team members other than the author", async () => {
    const { connect, post } = await setup()
    const ada = await connect('ada')
    await connect('bob')
    await post('bob', 'hello')
    const team = new TeamDoc(ada.doc)
    await waitFor('the first summary', () => readSummary(team, 'kitchen')?.seq === 1)
    expect(readSummary(team, 'kitchen')).toMatchObject({ seq: 1, author: 'bob', mentions: [] })

    await post('bob', '@Ada @Bob @Nobody look', ['ada', 'bob', 'nobody'])
    await waitFor('the second summary', () => readSummary(team, 'kitchen')?.seq === 2)
    expect(readSummary(team, 'kitchen')!.mentions).toEqual([{ to: 'ada', by: 'bob', seq: 2, at: expect.any(Number) }])
  })

  it('refuses a forged summary (a mention from someone else) with 4403; it is never stored or relayed', async () => {
    const { connect, post } = await setup()
    const ada = await connect('ada')
    const mallory = await connect('mallory')
    mallory.write((doc) => doc.getMap('discussions').set('kitchen', { seq: 9, at: 1, author: 'bob', mentions: [{ to: 'ada', by: 'bob', seq: 9, at: 1 }] }))
    const closed = await mallory.closed
    expect(closed.code).toBe(CloseCode.forbidden)
    expect(closed.reason).toBe('discussions/kitchen: discussion summaries are written by the server only')
    // A real post after the forgery: once Ada has its summary, the forged one would have come first.
    await post('bob', 'real')
    const team = new TeamDoc(ada.doc)
    await waitFor('the real summary', () => readSummary(team, 'kitchen'))
    expect(readSummary(team, 'kitchen')).toMatchObject({ seq: 1, author: 'bob', mentions: [] })
  })
})

describe('read markers are not in the team document', () => {
  it('refuses any write under reads (an unknown path) with 4403, even to my own marker; it is never stored or relayed', async () => {
    const { connect, post } = await setup()
    const bob = await connect('bob')
    const ada = await connect('ada')
    expect(ada.doc.share.has('reads'), 'a marker map made by the server').toBe(false)
    ada.write((doc) => doc.getMap('reads').set('ada', new Y.Map<unknown>()))
    const closed = await ada.closed
    expect(closed.code).toBe(CloseCode.forbidden)
    expect(closed.reason).toBe('reads/ada: unknown key')

    const again = await connect('ada')
    expect(again.doc.share.has('reads')).toBe(false)
    again.write((doc) => doc.getMap('reads').set('kitchen', 4))
    expect((await again.closed).reason).toBe('reads/kitchen: unknown key')

    // A real post after the refused writes: once Bob has its summary, a relayed marker would have come first.
    await post('bob', 'after')
    await waitFor('the summary after the refused writes', () => readSummary(new TeamDoc(bob.doc), 'kitchen')?.seq === 1)
    expect(bob.doc.share.has('reads')).toBe(false)
    const fresh = await connect('carol')
    expect(fresh.doc.share.has('reads'), 'a marker stored by the server').toBe(false)
  })
})
