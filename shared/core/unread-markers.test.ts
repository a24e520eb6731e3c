// Unread markers and mentions per room discussion (issue 12): real cores, a real server, real sockets.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { removeTempDirs, startTestOffice, waitFor, type TestOffice } from '../../server/testing/harness'

let office: TestOffice | null = null
afterEach(async () => {
  await office?.close()
  office = null
})
afterAll(removeTempDirs)

describe('unread markers and mentions', () => {
  it("a post in a room I have not opened shows as unread; a mention of me is listed; opening it clears both on every device of mine", async () => {
    office = await startTestOffice()
    const laptop = await office.join('ada')
    const phone = await office.join('ada', 'web')
    const bob = await office.join('bob')
    expect(laptop.view().rooms.kitchen!.unread).toBe(0)

    expect(await bob.execute({ type: 'postMessage', roomId: 'kitchen', text: 'Coffee?' })).toEqual({ ok: true })
    await waitFor('one unread on the laptop', () => laptop.view().rooms.kitchen!.unread === 1)
    expect(laptop.view().me.mentions).toEqual([])
    // Bob's own post is read where he wrote it: his discussion is open.
    await waitFor("Bob's marker to follow his post", () => bob.view().rooms.kitchen!.unread === 0)

    expect(await bob.execute({ type: 'postMessage', roomId: 'kitchen', text: '@Ada coffee?', mentions: ['ada'] })).toEqual({ ok: true })
    await waitFor('the mention on the phone', () => phone.view().me.mentions.length === 1)
    expect(phone.view().me.mentions).toEqual([{ room: 'kitchen', by: 'bob', seq: 2, at: expect.any(Number) }])
    expect(phone.view().rooms.kitchen!.unread).toBe(2)
    expect(laptop.view().rooms.lobby!.unread).toBe(0)

    expect(await laptop.execute({ type: 'openDiscussion', roomId: 'kitchen' })).toEqual({ ok: true })
    await waitFor('the laptop to read it', () => laptop.view().rooms.kitchen!.unread === 0)
    await waitFor('the phone to see it read', () => phone.view().rooms.kitchen!.unread === 0 && phone.view().me.mentions.length === 0)
  })

  it('a guest sees unread counts but, unable to write the team, never marks anything read', async () => {
    office = await startTestOffice()
    const gus = await office.join('gus', 'web', 'guest')
    const bob = await office.join('bob')
    await bob.execute({ type: 'postMessage', roomId: 'kitchen', text: 'Hello' })
    await waitFor('the unread on the guest', () => gus.view().rooms.kitchen!.unread === 1)
    expect(await gus.execute({ type: 'openDiscussion', roomId: 'kitchen' })).toEqual({ ok: true })
    // A later post, once the guest has it, shows any write the guest made would have been refused by now.
    await bob.execute({ type: 'postMessage', roomId: 'kitchen', text: 'Still there?' })
    await waitFor('the second post on the guest', () => gus.view().discussions.kitchen?.messages.some((m) => m.text === 'Still there?'))
    await waitFor('two unread on the guest', () => gus.view().rooms.kitchen!.unread === 2)
    expect(gus.view().connection.state).toBe('online')
  })
})
