// Writes the rules allow (shared/model/write-rules.ts), against a real server: they land and reach others.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { chatDocName } from '../../shared/contract/doc-names'
import { removeTempDirs, waitFor } from '../testing/harness'
import { allowMembersToManageRooms, closeRuleOffices, membersOf, messagesOf, postMessage, roomsOf, ruleOffice, statusesOf } from '../testing/rule-office'

afterEach(closeRuleOffices)
afterAll(removeTempDirs)

describe('the server lets allowed writes through', () => {
  it('an admin renames and creates rooms; a member in a room closes its door; the watcher sees all of it', async () => {
    const { connect, watch, stored } = await ruleOffice()
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
    const { connect, watch, teamId } = await ruleOffice()
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
    const { connect, watch, dir, teamId } = await ruleOffice()
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
    const { connect, watch } = await ruleOffice()
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
