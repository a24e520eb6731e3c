import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { chatDocName, teamDocName } from '../../shared/contract/doc-names'
import { CloseCode } from '../../shared/contract/close-codes'
import type { Role } from '../../shared/model/schema'
import { setMembersManageRooms } from '../admin/teams'
import type { RunningServer } from '../start'
import { SqliteStore } from '../store/sqlite-store'
import { createTestTeam, openProvider, removeTempDirs, startTestServer, tempDir, tokenFor, waitFor } from '../testing/harness'
import { appendMessage, rawYjsClient, type RawYjsClient } from '../testing/raw-yjs-client'
import { storedDoc } from '../testing/stored-doc'

const livekit = { url: 'ws://127.0.0.1:7880', apiKey: 'devkey', apiSecret: 'secret' }
const servers: RunningServer[] = []
const clients: RawYjsClient[] = []
const providers: WebsocketProvider[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.ws.terminate()
  for (const provider of providers.splice(0)) provider.destroy()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

type Edit = (doc: Y.Doc) => void

async function setup() {
  const dir = tempDir()
  const teamId = await createTestTeam(dir, 'Acme')
  const server = await startTestServer(dir, { livekit })
  servers.push(server)
  const teamDoc = teamDocName(teamId)

  /** A raw client of `user` on a document, synced with the server and, if given, present in a room. */
  const connect = async (user: string, role: Role = 'member', options: { doc?: string; room?: string | null } = {}) => {
    const client = rawYjsClient(server.url, options.doc ?? teamDoc, await tokenFor(dir, teamId, user, role))
    clients.push(client)
    await client.synced
    if (options.room !== undefined) client.present({ user, room: options.room })
    return client
  }

  /** A stock client that shows what the server relays. */
  const watch = async (docName = teamDoc) => {
    const provider = openProvider(server.url, docName, await tokenFor(dir, teamId, 'watcher', 'guest'))
    providers.push(provider)
    await waitFor('the watcher to sync', () => provider.synced)
    return provider.doc
  }

  /** The document as the server stored it (read beside the running server). */
  const stored = (docName = teamDoc) => storedDoc(dir, docName)

  let markers = 0
  /**
   * An admin's later write, once the watcher has it: anything the server relayed before it has
   * arrived too, so what the watcher lacks now was never sent.
   */
  const marker = async (watcher: Y.Doc, docName = teamDoc) => {
    const text = `marker ${++markers}`
    const admin = await connect('marker-admin', 'admin', { doc: docName })
    if (docName === teamDoc) admin.write((doc) => (doc.getMap('rooms').get('lobby') as Y.Map<unknown>).set('name', text))
    else admin.write((doc) => postMessage(doc, 'marker-admin', text))
    await waitFor('the marker to reach the watcher', () => contents(watcher).includes(text))
  }

  /**
   * The attack: `user` writes `edit`; the socket closes 4403 with a reason starting with `path`, and
   * neither the server's document nor a watching client ever shows `leaked`.
   */
  const expectRefused = async (attacker: RawYjsClient, edit: Edit, path: string, leaked: (doc: Y.Doc) => boolean, docName = teamDoc) => {
    const watcher = await watch(docName)
    attacker.write(edit)
    const closed = await attacker.closed
    expect(closed.code).toBe(CloseCode.forbidden)
    expect(closed.reason.startsWith(path), `${closed.reason} names ${path}`).toBe(true)
    expect(leaked(attacker.doc)).toBe(true)
    await marker(watcher, docName)
    expect(leaked(watcher)).toBe(false)
    expect(leaked(await stored(docName))).toBe(false)
    return closed.reason
  }

  return { dir, teamId, server, teamDoc, connect, watch, stored, marker, expectRefused }
}

const roomsOf = (doc: Y.Doc) => doc.getMap('rooms') as Y.Map<Y.Map<unknown>>
const membersOf = (doc: Y.Doc) => doc.getMap('members') as Y.Map<Y.Map<unknown>>
const statusesOf = (doc: Y.Doc) => doc.getMap('statuses') as Y.Map<Y.Map<unknown>>
const messagesOf = (doc: Y.Doc) => doc.getArray('messages') as Y.Array<Y.Map<unknown>>

/** Everything a team or discussion document holds, as text to search. */
function contents(doc: Y.Doc): string {
  return JSON.stringify([doc.getArray('messages'), ...['meta', 'rooms', 'members', 'statuses'].map((key) => doc.getMap(key))].map((type) => type.toJSON()))
}

function postMessage(doc: Y.Doc, author: string, text: string, id = text.replace(/\W/g, '-')): void {
  appendMessage(doc, author, text, id)
}

describe('the server refuses writes the rules forbid (4403, never stored or relayed)', () => {
  it("refuses writing another member's status", async () => {
    const { connect, expectRefused } = await setup()
    await connect('bob')
    const ada = await connect('ada')
    const reason = await expectRefused(ada, (doc) => statusesOf(doc).get('bob')!.set('text', 'fired'), 'statuses/bob/text', (doc) => statusesOf(doc).get('bob')?.get('text') === 'fired')
    expect(reason).toBe("statuses/bob/text: only its owner may change a member's status")
  })

  it("refuses writing another member's profile", async () => {
    const { connect, expectRefused } = await setup()
    await connect('bob')
    const ada = await connect('ada')
    await expectRefused(ada, (doc) => membersOf(doc).get('bob')!.set('name', 'Mallory'), 'members/bob/name', (doc) => membersOf(doc).get('bob')?.get('name') === 'Mallory')
  })

  it('refuses a member making themselves admin', async () => {
    const { connect, expectRefused } = await setup()
    const ada = await connect('ada')
    const reason = await expectRefused(ada, (doc) => membersOf(doc).get('ada')!.set('role', 'admin'), 'members/ada/role', (doc) => membersOf(doc).get('ada')?.get('role') === 'admin')
    expect(reason).toBe('members/ada/role: only admins may change roles')
  })

  it('refuses rewriting meta, even from an admin', async () => {
    const { connect, expectRefused } = await setup()
    const root = await connect('root', 'admin')
    await expectRefused(root, (doc) => doc.getMap('meta').set('name', 'Pwned'), 'meta/name', (doc) => doc.getMap('meta').get('name') === 'Pwned')
  })

  it('refuses a member deleting a room with people in it, even where members manage rooms', async () => {
    const { connect, expectRefused, dir, teamId, watch } = await setup()
    await allowMembersToManageRooms(dir, teamId, await watch())
    await connect('bob', 'member', { room: 'kitchen' })
    const ada = await connect('ada')
    const reason = await expectRefused(ada, (doc) => roomsOf(doc).delete('kitchen'), 'rooms/kitchen', (doc) => !roomsOf(doc).has('kitchen'))
    expect(reason).toBe('rooms/kitchen: only admins may delete a room with people in it')
  })

  it('refuses a member deleting even an empty room unless the team lets members manage rooms', async () => {
    const { connect, expectRefused } = await setup()
    const ada = await connect('ada')
    const reason = await expectRefused(ada, (doc) => roomsOf(doc).delete('standup'), 'rooms/standup', (doc) => !roomsOf(doc).has('standup'))
    expect(reason).toBe('rooms/standup: only admins may delete rooms')
  })

  it('refuses a discussion message posted as someone else', async () => {
    const { connect, expectRefused, teamId } = await setup()
    const chat = chatDocName(teamId, 'kitchen')
    const ada = await connect('ada', 'member', { doc: chat })
    const reason = await expectRefused(ada, (doc) => postMessage(doc, 'bob', 'I quit'), 'messages/', (doc) => contents(doc).includes('I quit'), chat)
    expect(reason).toMatch(/^messages\/\d+\.\d+\/author: a message is posted by its writer only$/)
  })

  it("refuses editing or deleting someone else's message", async () => {
    const { connect, expectRefused, teamId } = await setup()
    const chat = chatDocName(teamId, 'kitchen')
    const bob = await connect('bob', 'member', { doc: chat })
    bob.write((doc) => postMessage(doc, 'bob', 'original'))
    const ada = await connect('ada', 'member', { doc: chat })
    await waitFor("bob's message", () => messagesOf(ada.doc).length === 1)
    await expectRefused(ada, (doc) => messagesOf(doc).get(0).set('text', 'hijacked'), 'messages/', (doc) => contents(doc).includes('hijacked'), chat)
    const again = await connect('ada', 'member', { doc: chat })
    const reason = await expectRefused(again, (doc) => messagesOf(doc).delete(0, 1), 'messages', (doc) => !contents(doc).includes('original'), chat)
    expect(reason).toBe('messages: only its author or an admin may delete a message')
  })

  it('refuses locking a room you are not in', async () => {
    const { connect, expectRefused } = await setup()
    const ada = await connect('ada', 'member', { room: 'lobby' })
    const reason = await expectRefused(ada, (doc) => roomsOf(doc).get('focus')!.set('door', 'locked'), 'rooms/focus/door', (doc) => roomsOf(doc).get('focus')?.get('door') === 'locked')
    expect(reason).toBe('rooms/focus/door: only someone in the room or an admin may change its door')
  })

  it('refuses opening a locked door from outside, so the call token stays refused', async () => {
    const { connect, expectRefused, server, dir, teamId } = await setup()
    const root = await connect('root', 'admin')
    root.write((doc) => roomsOf(doc).get('focus')!.set('door', 'locked'))
    const ask = async () =>
      fetch(`${server.url}/api/livekit/token`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${await tokenFor(dir, teamId, 'ada')}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ teamId, roomId: 'focus' }),
      })
    await waitFor('the locked door to refuse calls', async () => (await ask()).status === 403)
    const ada = await connect('ada', 'member', { room: 'kitchen' })
    await waitFor('the lock to reach ada', () => roomsOf(ada.doc).get('focus')?.get('door') === 'locked')
    await expectRefused(ada, (doc) => roomsOf(doc).get('focus')!.set('door', 'open'), 'rooms/focus/door', (doc) => roomsOf(doc).get('focus')?.get('door') === 'open')
    const answer = await ask()
    expect(answer.status).toBe(403)
    expect(await answer.json()).toEqual({ error: 'door-locked' })
  })

  it('refuses a plain value where a message map belongs', async () => {
    const { connect, expectRefused, teamId } = await setup()
    const chat = chatDocName(teamId, 'kitchen')
    const reason = await expectRefused(await connect('ada', 'member', { doc: chat }), (doc) => doc.getArray('messages').push(['a string']), 'messages', (doc) => contents(doc).includes('a string'), chat)
    expect(reason).toBe('messages: a message must be a shared map, not a string')
  })

  it('refuses wrong-typed values: rooms/x = "boom" and members/x = 42, even from an admin', async () => {
    const { connect, expectRefused } = await setup()
    const boom = await expectRefused(await connect('root', 'admin'), (doc) => roomsOf(doc).set('x', 'boom' as never), 'rooms/x', (doc) => roomsOf(doc).get('x') === ('boom' as never))
    expect(boom).toBe('rooms/x: a room must be a shared map, not a string')
    await expectRefused(await connect('root', 'admin'), (doc) => membersOf(doc).set('x', 42 as never), 'members/x', (doc) => membersOf(doc).has('x'))
    await expectRefused(await connect('root', 'admin'), (doc) => roomsOf(doc).get('lobby')!.set('capacity', 'lots'), 'rooms/lobby/capacity', (doc) => roomsOf(doc).get('lobby')?.get('capacity') === 'lots')
  })

  it('refuses unknown keys, at the root and inside a room', async () => {
    const { connect, expectRefused } = await setup()
    const paint = await expectRefused(await connect('root', 'admin'), (doc) => roomsOf(doc).get('lobby')!.set('paint', 'red'), 'rooms/lobby/paint', (doc) => roomsOf(doc).get('lobby')?.has('paint') === true)
    expect(paint).toBe('rooms/lobby/paint: unknown key')
    await expectRefused(await connect('root', 'admin'), (doc) => doc.getMap('cheats').set('god', true), 'cheats/god', (doc) => doc.getMap('cheats').has('god'))
  })

  it("refuses removing another member's status field through the delete set alone", async () => {
    const { connect, expectRefused } = await setup()
    const bob = await connect('bob')
    bob.write((doc) => statusesOf(doc).get('bob')!.set('text', 'Lunch'))
    const ada = await connect('ada')
    await waitFor("bob's status", () => statusesOf(ada.doc).get('bob')?.get('text') === 'Lunch')
    const reason = await expectRefused(ada, (doc) => statusesOf(doc).get('bob')!.delete('text'), 'statuses/bob/text', (doc) => statusesOf(doc).get('bob')?.has('text') === false)
    expect(reason).toBe('statuses/bob/text: only its owner may change a member\'s status')
  })

  it('refuses an update that builds on a refused one: the same socket is closed, a new one gets 1003, nothing lands', async () => {
    const { connect, watch, marker, stored } = await setup()
    const ada = await connect('ada')
    const refused = ada.write((doc) => roomsOf(doc).get('lobby')!.set('name', 'Mine'))
    const dependent = ada.write((doc) => roomsOf(doc).get('lobby')!.set('name', 'Mine again'))
    expect((await ada.closed).code).toBe(CloseCode.forbidden)
    const watcher = await watch()
    const again = await connect('ada')
    again.send(dependent)
    expect((await again.closed).code).toBe(CloseCode.malformed)
    await marker(watcher)
    for (const doc of [watcher, await stored()]) expect(contents(doc)).not.toMatch(/Mine/)
    expect(refused.byteLength).toBeGreaterThan(0)
  })
})

describe('the server lets allowed writes through', () => {
  it('an admin renames and creates rooms; a member in a room closes its door; the watcher sees all of it', async () => {
    const { connect, watch, stored } = await setup()
    const watcher = await watch()
    const root = await connect('root', 'admin')
    root.write((doc) => roomsOf(doc).get('lobby')!.set('name', 'Hall'))
    root.write((doc) => {
      const room = new Y.Map<unknown>()
      roomsOf(doc).set('annex', room)
      for (const [key, value] of Object.entries({ name: 'Annex', kind: 'meeting', door: 'open', capacity: 4, order: 9 })) room.set(key, value)
    })
    const ada = await connect('ada', 'member', { room: 'kitchen' })
    ada.write((doc) => roomsOf(doc).get('kitchen')!.set('door', 'closed'))
    ada.write((doc) => statusesOf(doc).get('ada')!.set('text', 'Deep work'))
    ada.write((doc) => membersOf(doc).get('ada')!.set('title', 'Engineer'))
    await waitFor('every allowed write at the watcher', () => roomsOf(watcher).get('kitchen')?.get('door') === 'closed' && membersOf(watcher).get('ada')?.get('title') === 'Engineer')
    const doc = await stored()
    expect(roomsOf(doc).get('lobby')!.get('name')).toBe('Hall')
    expect(roomsOf(doc).get('annex')!.toJSON()).toEqual({ name: 'Annex', kind: 'meeting', door: 'open', capacity: 4, order: 9 })
    expect(statusesOf(doc).get('ada')!.get('text')).toBe('Deep work')
    expect(ada.ws.readyState).toBe(ada.ws.OPEN)
    expect(root.ws.readyState).toBe(root.ws.OPEN)
  })

  it('an author edits and deletes their own message; an admin deletes anyone\'s', async () => {
    const { connect, watch, teamId } = await setup()
    const chat = chatDocName(teamId, 'kitchen')
    const watcher = await watch(chat)
    const ada = await connect('ada', 'member', { doc: chat })
    ada.write((doc) => postMessage(doc, 'ada', 'first draft', 'a1'))
    ada.write((doc) => messagesOf(doc).get(0).set('text', 'final text'))
    ada.write((doc) => postMessage(doc, 'ada', 'to be removed', 'a2'))
    ada.write((doc) => messagesOf(doc).delete(1, 1))
    const bob = await connect('bob', 'member', { doc: chat })
    bob.write((doc) => postMessage(doc, 'bob', 'spam', 'b1'))
    await waitFor("bob's message at the watcher", () => messagesOf(watcher).length === 2)
    const root = await connect('root', 'admin', { doc: chat })
    await waitFor("bob's message at the admin", () => messagesOf(root.doc).length === 2)
    root.write((doc) => messagesOf(doc).delete(1, 1))
    await waitFor('the admin removal at the watcher', () => messagesOf(watcher).length === 1)
    expect(messagesOf(watcher).get(0).toJSON()).toMatchObject({ id: 'a1', author: 'ada', text: 'final text' })
    for (const client of [ada, bob, root]) expect(client.ws.readyState).toBe(client.ws.OPEN)
  })

  it('where the team lets members manage rooms, a member renames, creates and deletes an empty room', async () => {
    const { connect, watch, dir, teamId } = await setup()
    const watcher = await watch()
    await allowMembersToManageRooms(dir, teamId, watcher)
    const ada = await connect('ada')
    await waitFor('the setting to reach ada', () => ada.doc.getMap('meta').get('membersManageRooms') === true)
    ada.write((doc) => roomsOf(doc).get('lobby')!.set('name', 'Hall'))
    ada.write((doc) => {
      const room = new Y.Map<unknown>()
      roomsOf(doc).set('annex', room)
      room.set('name', 'Annex')
      room.set('door', 'open')
    })
    ada.write((doc) => roomsOf(doc).delete('standup'))
    await waitFor('all three at the watcher', () => roomsOf(watcher).get('lobby')?.get('name') === 'Hall' && roomsOf(watcher).has('annex') && !roomsOf(watcher).has('standup'))
    expect(ada.ws.readyState).toBe(ada.ws.OPEN)
  })

  it('a replica that worked offline syncs its overwritten history (deleted values at a key) without refusal', async () => {
    const { connect, watch } = await setup()
    const watcher = await watch()
    const ada = await connect('ada')
    // Three edits of one key in one go: the first two arrive already deleted.
    const offline = new Y.Doc()
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(ada.doc))
    const before = Y.encodeStateVector(offline)
    for (const text of ['one', 'two', 'three']) offline.transact(() => statusesOf(offline).get('ada')!.set('text', text))
    ada.send(Y.encodeStateAsUpdate(offline, before))
    await waitFor('the last value at the watcher', () => statusesOf(watcher).get('ada')?.get('text') === 'three')
    expect(ada.ws.readyState).toBe(ada.ws.OPEN)
  })
})

async function allowMembersToManageRooms(dir: string, teamId: string, watcher: Y.Doc): Promise<void> {
  // As `npm run hallway -- team settings` does: straight to the store the server watches.
  const store = SqliteStore.open(dir, { watchIntervalMs: 0 })
  await setMembersManageRooms(store, teamId, true)
  await store.close()
  await waitFor('the setting to reach clients', () => watcher.getMap('meta').get('membersManageRooms') === true)
}
