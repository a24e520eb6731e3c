// Writes the rules forbid (shared/model/write-rules.ts), against a real server: refused, never stored or relayed.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { chatDocName } from '../../shared/contract/doc-names'
import { CloseCode } from '../../shared/contract/close-codes'
import { removeTempDirs, tokenFor, waitFor } from '../testing/harness'
import { allowMembersToManageRooms, closeRuleOffices, contents, membersOf, messagesOf, postMessage, roomsOf, ruleOffice, statusesOf } from '../testing/rule-office'

afterEach(closeRuleOffices)
afterAll(removeTempDirs)

describe('the server refuses writes the rules forbid (4403, never stored or relayed)', () => {
  it("refuses writing another member's status", async () => {
    const { connect, expectRefused } = await ruleOffice()
    await connect('bob')
    const ada = await connect('ada')
    const reason = await expectRefused(ada, (doc) => statusesOf(doc).get('bob')!.set('text', 'fired'), 'statuses/bob/text', (doc) => statusesOf(doc).get('bob')?.get('text') === 'fired')
    expect(reason).toBe("statuses/bob/text: only its owner may change a member's status")
  })

  it("refuses writing another member's profile", async () => {
    const { connect, expectRefused } = await ruleOffice()
    await connect('bob')
    const ada = await connect('ada')
    await expectRefused(ada, (doc) => membersOf(doc).get('bob')!.set('name', 'Mallory'), 'members/bob/name', (doc) => membersOf(doc).get('bob')?.get('name') === 'Mallory')
  })

  it('refuses a member making themselves admin', async () => {
    const { connect, expectRefused } = await ruleOffice()
    const ada = await connect('ada')
    const reason = await expectRefused(ada, (doc) => membersOf(doc).get('ada')!.set('role', 'admin'), 'members/ada/role', (doc) => membersOf(doc).get('ada')?.get('role') === 'admin')
    expect(reason).toBe('members/ada/role: only admins may change roles')
  })

  it('refuses rewriting meta, even from an admin', async () => {
    const { connect, expectRefused } = await ruleOffice()
    const root = await connect('root', 'admin')
    await expectRefused(root, (doc) => doc.getMap('meta').set('name', 'Pwned'), 'meta/name', (doc) => doc.getMap('meta').get('name') === 'Pwned')
  })

  it('refuses a member deleting a room with people in it, even where members manage rooms', async () => {
    const { connect, expectRefused, dir, teamId, watch } = await ruleOffice()
    await allowMembersToManageRooms(dir, teamId, await watch())
    await connect('bob', 'member', { room: 'kitchen' })
    const ada = await connect('ada')
    const reason = await expectRefused(ada, (doc) => roomsOf(doc).delete('kitchen'), 'rooms/kitchen', (doc) => !roomsOf(doc).has('kitchen'))
    expect(reason).toBe('rooms/kitchen: only admins may delete a room with people in it')
  })

  it('refuses a member deleting even an empty room unless the team lets members manage rooms', async () => {
    const { connect, expectRefused } = await ruleOffice()
    const ada = await connect('ada')
    const reason = await expectRefused(ada, (doc) => roomsOf(doc).delete('standup'), 'rooms/standup', (doc) => !roomsOf(doc).has('standup'))
    expect(reason).toBe('rooms/standup: only admins may delete rooms')
  })

  it('refuses a discussion message posted as someone else', async () => {
    const { connect, expectRefused, teamId } = await ruleOffice()
    const chat = chatDocName(teamId, 'kitchen')
    const ada = await connect('ada', 'member', { doc: chat })
    const reason = await expectRefused(ada, (doc) => postMessage(doc, 'bob', 'I quit'), 'messages/', (doc) => contents(doc).includes('I quit'), chat)
    expect(reason).toMatch(/^messages\/\d+\.\d+\/author: a message is posted by its writer only$/)
  })

  it("refuses editing or deleting someone else's message", async () => {
    const { connect, expectRefused, teamId } = await ruleOffice()
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
    const { connect, expectRefused } = await ruleOffice()
    const ada = await connect('ada', 'member', { room: 'lobby' })
    const reason = await expectRefused(ada, (doc) => roomsOf(doc).get('focus')!.set('door', 'locked'), 'rooms/focus/door', (doc) => roomsOf(doc).get('focus')?.get('door') === 'locked')
    expect(reason).toBe('rooms/focus/door: only someone in the room or an admin may change its door')
  })

  it('refuses opening a locked door from outside, so the call token stays refused', async () => {
    const { connect, expectRefused, server, dir, teamId } = await ruleOffice()
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
    const { connect, expectRefused, teamId } = await ruleOffice()
    const chat = chatDocName(teamId, 'kitchen')
    const reason = await expectRefused(await connect('ada', 'member', { doc: chat }), (doc) => doc.getArray('messages').push(['a string']), 'messages', (doc) => contents(doc).includes('a string'), chat)
    expect(reason).toBe('messages: a message must be a shared map, not a string')
  })

  it('refuses wrong-typed values: rooms/x = "boom" and members/x = 42, even from an admin', async () => {
    const { connect, expectRefused } = await ruleOffice()
    const boom = await expectRefused(await connect('root', 'admin'), (doc) => roomsOf(doc).set('x', 'boom' as never), 'rooms/x', (doc) => roomsOf(doc).get('x') === ('boom' as never))
    expect(boom).toBe('rooms/x: a room must be a shared map, not a string')
    await expectRefused(await connect('root', 'admin'), (doc) => membersOf(doc).set('x', 42 as never), 'members/x', (doc) => membersOf(doc).has('x'))
    await expectRefused(await connect('root', 'admin'), (doc) => roomsOf(doc).get('lobby')!.set('capacity', 'lots'), 'rooms/lobby/capacity', (doc) => roomsOf(doc).get('lobby')?.get('capacity') === 'lots')
  })

  it('refuses unknown keys, at the root and inside a room', async () => {
    const { connect, expectRefused } = await ruleOffice()
    const paint = await expectRefused(await connect('root', 'admin'), (doc) => roomsOf(doc).get('lobby')!.set('paint', 'red'), 'rooms/lobby/paint', (doc) => roomsOf(doc).get('lobby')?.has('paint') === true)
    expect(paint).toBe('rooms/lobby/paint: unknown key')
    await expectRefused(await connect('root', 'admin'), (doc) => doc.getMap('cheats').set('god', true), 'cheats/god', (doc) => doc.getMap('cheats').has('god'))
  })

  it("refuses removing another member's status field through the delete set alone", async () => {
    const { connect, expectRefused } = await ruleOffice()
    const bob = await connect('bob')
    bob.write((doc) => statusesOf(doc).get('bob')!.set('text', 'Lunch'))
    const ada = await connect('ada')
    await waitFor("bob's status", () => statusesOf(ada.doc).get('bob')?.get('text') === 'Lunch')
    const reason = await expectRefused(ada, (doc) => statusesOf(doc).get('bob')!.delete('text'), 'statuses/bob/text', (doc) => statusesOf(doc).get('bob')?.has('text') === false)
    expect(reason).toBe('statuses/bob/text: only its owner may change a member\'s status')
  })

  it('refuses an update that builds on a refused one: the same socket is closed, a new one gets 1003, nothing lands', async () => {
    const { connect, watch, marker, stored } = await ruleOffice()
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
