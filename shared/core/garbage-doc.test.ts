// Garbage stored in a team's documents (as the CLI writes: straight to the store, past every rule)
// reaches real cores over a real server: they keep serving views and running commands, and the
// LiveKit token route keeps answering (issue 10, "No value can crash a reader").
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { RunningServer } from '../../server/start'
import { SqliteStore } from '../../server/store/sqlite-store'
import { createTestTeam, openCore, removeTempDirs, requestJson, startTestServer, tempDir, tokenFor, waitFor } from '../../server/testing/harness'
import { chatDocName, isValidId, teamDocName } from '../contract/doc-names'
import { officeViewSchema, type OfficeView } from '../contract/view'
import { seededRandom } from '../model/seeded-random'
import { writeDiscussionGarbage, writeTeamGarbage } from '../model/testing/doc-garbage'
import type { PresenceCore } from './engine'

const SEED = Number(process.env.FUZZ_SEED ?? 20261203)
const ROUNDS = 30
const TEAM_WRITES_PER_ROUND = 10
const CHAT_WRITES_PER_ROUND = 3
const livekit = { url: 'ws://127.0.0.1:7880', apiKey: 'devkey', apiSecret: 'secret' }

/** The starter rooms garbage may break, and the two it never touches. */
const targets = { rooms: ['lobby', 'kitchen'], members: ['bob', 'mallory'] }
const spare = { standup: 'Standup', focus: 'Focus Room' }

const servers: RunningServer[] = []
const cores: PresenceCore[] = []
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()))
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

/** Writes to a document the way the CLI does: on its own replica, appended to the store the server watches. */
async function storeWriter(dir: string, docName: string) {
  const store = SqliteStore.open(dir, { watchIntervalMs: 0 })
  const doc = new Y.Doc()
  for (const update of await store.load(docName)) Y.applyUpdate(doc, update)
  return {
    doc,
    async write(change: () => void): Promise<void> {
      const before = Y.encodeStateVector(doc)
      change()
      await store.append(docName, Y.encodeStateAsUpdate(doc, before))
    },
    close: () => store.close(),
  }
}

async function office(dir: string, teamId: string) {
  const server = await startTestServer(dir, { livekit })
  servers.push(server)
  const join = async (user: string) => {
    const core = await openCore(server.url, await tokenFor(dir, teamId, user))
    cores.push(core)
    await core.whenSynced()
    return core
  }
  const callToken = async (roomId: string) =>
    (await requestJson(`${server.url}/api/livekit/token`, { token: await tokenFor(dir, teamId, 'ada'), body: { teamId, roomId } })).status
  return { join, callToken }
}

/** A view the renderer accepts, with the rooms no garbage touched, named as created. */
function expectSoundView(view: OfficeView, at: string): void {
  const parsed = officeViewSchema.safeParse(view)
  expect(parsed.success, `${at}: ${parsed.error?.message.slice(0, 500)}`).toBe(true)
  for (const [id, name] of Object.entries(spare)) expect(view.rooms[id]?.name, `${at}: ${id}`).toBe(name)
}

/** Each round's commands: entering and leaving a room, a status, and a message, in turn. */
async function runCommand(core: PresenceCore, round: number): Promise<void> {
  const commands = [
    { type: 'enterRoom', roomId: 'standup' },
    { type: 'setStatus', text: `Round ${round}`, emoji: '', until: null, dnd: false },
    { type: 'postMessage', roomId: 'standup', text: `Ada in round ${round}` },
    { type: 'leaveRoom' },
  ]
  expect(await core.execute(commands[round % commands.length]), `round ${round}`).toEqual({ ok: true })
}

describe('a team whose stored documents hold wrong-typed values at every path', () => {
  it(`keeps a connected core serving views and commands, a later one showing the rooms, and call tokens at 200/403 (${ROUNDS * (TEAM_WRITES_PER_ROUND + CHAT_WRITES_PER_ROUND)} seeded writes)`, async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir, 'Acme')
    const team = await storeWriter(dir, teamDocName(teamId))
    const chat = await storeWriter(dir, chatDocName(teamId, 'standup'))
    try {
      const { join, callToken } = await office(dir, teamId)
      const ada = await join('ada')
      expect(await ada.execute({ type: 'openDiscussion', roomId: 'standup' })).toEqual({ ok: true })
      let views = 0
      ada.subscribe(() => views++)

      const random = seededRandom(SEED)
      for (let round = 0; round < ROUNDS; round++) {
        const paths: string[] = []
        await team.write(() => {
          for (let i = 0; i < TEAM_WRITES_PER_ROUND; i++) paths.push(writeTeamGarbage(team.doc, random, targets))
          team.doc.getMap('meta').set('name', `Round ${round}`)
        })
        await chat.write(() => {
          for (let i = 0; i < CHAT_WRITES_PER_ROUND; i++) paths.push(writeDiscussionGarbage(chat.doc, random))
          chat.doc.getArray('messages').push([marker(round)])
        })
        const at = `round ${round} (${paths.join(', ')})`
        const viewsBefore = views
        await waitFor(`${at} to reach ada`, () => {
          const view = ada.view()
          return view.team.name === `Round ${round}` && view.discussions.standup?.messages.some((m) => m.id === `marker-${round}`)
        })
        expect(views, at).toBeGreaterThan(viewsBefore)
        expectSoundView(ada.view(), at)
        await runCommand(ada, round)

        for (const roomId of ['standup', 'focus']) expect(await callToken(roomId), `${at}: ${roomId}`).toBe(200)
        for (const roomId of [...team.doc.getMap('rooms').keys()].filter(isValidId)) {
          expect([200, 403], `${at}: call token for ${roomId}`).toContain(await callToken(roomId))
        }
      }

      const bob = await join('bob')
      expectSoundView(bob.view(), 'bob, joining after the garbage')
      expect(bob.view().rooms.focus).toMatchObject({ kind: 'focus', door: 'closed', capacity: 4 })
      expect(await bob.execute({ type: 'enterRoom', roomId: 'standup' })).toEqual({ ok: true })
      await waitFor('ada to see bob in standup', () => ada.view().rooms.standup?.occupants.includes('bob'))
    } finally {
      await team.close()
      await chat.close()
    }
  })

  it('loads and migrates such a document on a fresh server start, which then serves cores and call tokens', async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir, 'Acme')
    const team = await storeWriter(dir, teamDocName(teamId))
    try {
      const random = seededRandom(SEED + 1)
      await team.write(() => {
        for (let i = 0; i < 100; i++) writeTeamGarbage(team.doc, random, targets)
        // Forces the migrations to run over the garbage at load.
        team.doc.getMap('meta').set('schemaVersion', 'boom')
      })
      const { join, callToken } = await office(dir, teamId)
      const cy = await join('cy')
      expectSoundView(cy.view(), 'cy, on a fresh server')
      expect(cy.team.meta.get('schemaVersion')).toBe(1)
      expect(await cy.execute({ type: 'setStatus', text: 'Gardening', emoji: '', until: null, dnd: false })).toEqual({ ok: true })
      expect(await cy.execute({ type: 'enterRoom', roomId: 'standup' })).toEqual({ ok: true })
      await waitFor('cy in standup', () => cy.view().rooms.standup?.occupants.includes('cy') && cy.view().members.cy?.status?.text === 'Gardening')
      expect(await callToken('standup')).toBe(200)
    } finally {
      await team.close()
    }
  })
})

describe('the call token route over a stored team document', () => {
  it('answers 403 for a room stored as a wrong-typed value, and 200 for a room whose door is a wrong-typed value (read as open)', async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir, 'Acme')
    const team = await storeWriter(dir, teamDocName(teamId))
    try {
      await team.write(() => {
        const rooms = team.doc.getMap('rooms')
        rooms.set('boom', 'boom')
        rooms.set('listy', new Y.Array())
        rooms.set('texty', new Y.Text('room'))
        ;(rooms.get('lobby') as Y.Map<unknown>).set('door', new Y.XmlFragment())
        ;(rooms.get('kitchen') as Y.Map<unknown>).set('door', NaN)
      })
      const { callToken } = await office(dir, teamId)
      for (const roomId of ['boom', 'listy', 'texty']) expect(await callToken(roomId), roomId).toBe(403)
      for (const roomId of ['lobby', 'kitchen']) expect(await callToken(roomId), roomId).toBe(200)
    } finally {
      await team.close()
    }
  })
})

/** A well-formed message by someone else, to know when a round's garbage has arrived. */
function marker(round: number): Y.Map<unknown> {
  return new Y.Map<unknown>(Object.entries({ id: `marker-${round}`, author: 'mallory', text: `marker ${round}`, at: round + 1, edited: null, preview: null }))
}
