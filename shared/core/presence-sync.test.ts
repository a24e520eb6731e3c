// Presence rules across real cores, a real sync server and real sockets (issue 4).
import { createServer } from 'node:http'
import { describe, expect, it } from 'vitest'
import { waitFor } from '../../server/testing/harness'
import { officesClosedAfterEach } from '../../server/testing/test-office'
import { traySummary } from './tray-summary'

const office = officesClosedAfterEach()

const ok = { ok: true }

describe('knocking across the network', () => {
  it('an occupant admits a knocker, who walks in (no one outside the room sees the knock); a decline leaves them outside', async () => {
    const { join } = await office()
    const ada = await join('ada')
    const bob = await join('bob')
    const cy = await join('cy')
    expect(await ada.execute({ type: 'enterRoom', roomId: 'focus' })).toEqual(ok)
    await waitFor('bob to see ada in focus', () => bob.view().rooms.focus!.occupants.includes('ada'))
    expect(await bob.execute({ type: 'enterRoom', roomId: 'focus' })).toEqual({ ok: false, error: expect.stringMatching(/Knock/) })

    expect(await bob.execute({ type: 'knock', roomId: 'focus' })).toEqual(ok)
    await waitFor('ada to see the knock', () => ada.view().rooms.focus!.knocks.some((k) => k.user === 'bob'))
    // A later change of bob's presence: once cy has it, cy has the knock too, and must not show it.
    expect(await bob.execute({ type: 'reportIdle', idleMs: 3_600_000 })).toEqual(ok)
    await waitFor('cy to see bob\'s later presence change', () => cy.view().members.bob?.idle)
    expect(cy.view().rooms.focus!.knocks).toEqual([])
    expect(await ada.execute({ type: 'answerKnock', userId: 'bob', admit: true })).toEqual(ok)
    await waitFor('bob to walk in', () => bob.view().me.room === 'focus')
    expect(bob.view().me.lastAnswer).toMatchObject({ by: 'ada', admit: true })
    await waitFor('cy to see bob inside', () => cy.view().rooms.focus!.occupants.includes('bob'))

    expect(await cy.execute({ type: 'knock', roomId: 'focus' })).toEqual(ok)
    await waitFor('bob to see the knock', () => bob.view().rooms.focus!.knocks.some((k) => k.user === 'cy'))
    expect(await bob.execute({ type: 'answerKnock', userId: 'cy', admit: false })).toEqual(ok)
    await waitFor('cy to hear the decline', () => cy.view().me.lastAnswer?.admit === false && cy.view().me.knock === null)
    expect(cy.view().me.room).toBeNull()
  })

  it('do-not-disturb holds back knocks and pulls', async () => {
    const { join } = await office()
    const ada = await join('ada')
    const bob = await join('bob')
    await ada.execute({ type: 'enterRoom', roomId: 'focus' })
    await ada.execute({ type: 'setStatus', text: 'Heads down', emoji: 'emoji:focus', until: null, dnd: true })
    await waitFor('bob to see ada on dnd', () => bob.view().members.ada?.status?.dnd && bob.view().rooms.focus!.occupants.includes('ada'))
    expect(await bob.execute({ type: 'knock', roomId: 'focus' })).toEqual({ ok: false, error: expect.stringMatching(/not to be disturbed/) })
    await bob.execute({ type: 'enterRoom', roomId: 'lobby' })
    await waitFor('bob in the lobby', () => bob.view().me.room === 'lobby' && bob.view().members.ada?.online)
    expect(await bob.execute({ type: 'pull', userId: 'ada' })).toEqual({ ok: false, error: expect.stringMatching(/not to be disturbed/) })
  })

  it('a pull brings someone into my room when they accept', async () => {
    const { join } = await office()
    const ada = await join('ada')
    const bob = await join('bob')
    await ada.execute({ type: 'enterRoom', roomId: 'kitchen' })
    await waitFor('ada sees bob online', () => ada.view().members.bob?.online)
    expect(await ada.execute({ type: 'pull', userId: 'bob' })).toEqual(ok)
    expect(ada.view().me.pull).toMatchObject({ to: 'bob', room: 'kitchen' })
    await waitFor('bob to get the invitation', () => bob.view().me.pulls.some((p) => p.from === 'ada' && p.room === 'kitchen'))
    expect(await bob.execute({ type: 'answerPull', fromUserId: 'ada', accept: true })).toEqual(ok)
    await waitFor('ada to see bob arrive', () => ada.view().rooms.kitchen!.occupants.includes('bob'))
    await waitFor('ada to hear the acceptance', () => ada.view().me.lastAnswer?.kind === 'pull' && ada.view().me.lastAnswer?.admit)
    expect(ada.view().me.pull).toBeNull()
  })

  it('an invitation reaches the desktop\'s tray summary; Join (answerPull from its userId) walks in only while the door allows it', async () => {
    const { join } = await office()
    const ada = await join('ada')
    const bob = await join('bob')
    await ada.execute({ type: 'enterRoom', roomId: 'kitchen' })
    await waitFor('ada sees bob online', () => ada.view().members.bob?.online)
    expect(await ada.execute({ type: 'pull', userId: 'bob' })).toEqual(ok)
    await waitFor('bob\'s tray summary to carry the invitation', () => traySummary(bob.view()).invitations.length === 1)
    const [invitation] = traySummary(bob.view()).invitations
    expect(invitation).toEqual({ userId: 'ada', name: bob.view().members.ada!.name, roomName: bob.view().rooms.kitchen!.name, at: ada.view().me.pull!.at })

    expect(await ada.execute({ type: 'setDoor', roomId: 'kitchen', door: 'locked' })).toEqual(ok)
    await waitFor('bob to see the kitchen locked', () => bob.view().rooms.kitchen!.door === 'locked')
    expect(await bob.execute({ type: 'answerPull', fromUserId: invitation!.userId, accept: true })).toEqual({ ok: false, error: expect.stringMatching(/locked since you were invited/) })
    expect(bob.view().me.room).toBeNull()

    expect(await ada.execute({ type: 'setDoor', roomId: 'kitchen', door: 'open' })).toEqual(ok)
    await waitFor('bob to see the kitchen open', () => bob.view().rooms.kitchen!.door === 'open')
    expect(await bob.execute({ type: 'answerPull', fromUserId: invitation!.userId, accept: true })).toEqual(ok)
    expect(bob.view().me.room).toBe('kitchen')
    expect(traySummary(bob.view()).invitations).toEqual([])
  })

  it('the inviter sees the invitation pending until they cancel it, which takes it back from the invitee', async () => {
    const { join } = await office()
    const ada = await join('ada')
    const bob = await join('bob')
    await ada.execute({ type: 'enterRoom', roomId: 'kitchen' })
    await waitFor('ada sees bob online', () => ada.view().members.bob?.online)
    expect(await ada.execute({ type: 'pull', userId: 'bob' })).toEqual(ok)
    await waitFor('bob to get the invitation', () => bob.view().me.pulls.some((p) => p.from === 'ada'))
    expect(await ada.execute({ type: 'cancelPull' })).toEqual(ok)
    expect(ada.view().me.pull).toBeNull()
    await waitFor('the invitation to leave bob', () => bob.view().me.pulls.length === 0)
    expect(await bob.execute({ type: 'answerPull', fromUserId: 'ada', accept: true })).toEqual({ ok: false, error: 'That invitation was cancelled or has expired.' })
    expect(bob.view().me.room).toBeNull()
  })
})

describe('locked doors', () => {
  it('keeps out anyone who walked in as the door was locked', async () => {
    const { join } = await office()
    const ada = await join('ada')
    const bob = await join('bob')
    await ada.execute({ type: 'enterRoom', roomId: 'kitchen' })
    await waitFor('bob sees ada', () => bob.view().rooms.kitchen!.occupants.includes('ada'))
    // Both act before either hears the other.
    const [lock, walkIn] = await Promise.all([
      ada.execute({ type: 'setDoor', roomId: 'kitchen', door: 'locked' }),
      bob.execute({ type: 'enterRoom', roomId: 'kitchen' }),
    ])
    expect([lock, walkIn]).toEqual([ok, ok])
    await waitFor('bob to be out of the locked room', () => bob.view().rooms.kitchen!.door === 'locked' && bob.view().me.room === null)
    await waitFor('ada alone inside', () => ada.view().rooms.kitchen!.occupants.join() === 'ada')
    expect(await bob.execute({ type: 'enterRoom', roomId: 'kitchen' })).toEqual({ ok: false, error: expect.stringMatching(/locked/) })
  })
})

describe('several devices of one member', () => {
  it('exactly one device holds the call; the other shows where it is and can move it', async () => {
    const { join } = await office()
    const laptop = await join('ada', { device: 'desktop' })
    const phone = await join('ada', { device: 'web' })
    const bob = await join('bob')
    await laptop.execute({ type: 'enterRoom', roomId: 'lobby' })
    await waitFor('the phone to see the call on the laptop', () => phone.view().me.callElsewhere === 'lobby')
    expect(laptop.view().me.holdsMedia).toBe(true)
    expect(phone.view().me.holdsMedia).toBe(false)

    expect(await phone.execute({ type: 'claimMedia' })).toEqual(ok)
    await waitFor('the call to move to the phone', () => phone.view().me.holdsMedia && phone.view().me.room === 'lobby')
    await waitFor('the laptop to let go', () => laptop.view().me.room === null && laptop.view().me.callElsewhere === 'lobby')

    await phone.execute({ type: 'enterRoom', roomId: 'kitchen' })
    await waitFor('bob to see ada in one room only', () => {
      const rooms = Object.values(bob.view().rooms).filter((room) => room.occupants.includes('ada'))
      return rooms.length === 1 && rooms[0]!.id === 'kitchen'
    })
  })
})

describe('discussions', () => {
  it('load on demand, sync, and only the author edits or deletes', async () => {
    const { join } = await office()
    const ada = await join('ada')
    const bob = await join('bob')
    expect(ada.view().discussions).toEqual({})
    expect(await ada.execute({ type: 'postMessage', roomId: 'lobby', text: 'Standup moved to 10:30' })).toEqual(ok)
    expect(await bob.execute({ type: 'openDiscussion', roomId: 'lobby' })).toEqual(ok)
    const message = await waitFor('bob to see the message', () => bob.view().discussions.lobby?.messages[0])
    expect(message).toMatchObject({ author: 'ada', text: 'Standup moved to 10:30', edited: null })
    expect(await bob.execute({ type: 'editMessage', roomId: 'lobby', messageId: message.id, text: 'hijacked' })).toEqual({
      ok: false,
      error: 'Only its author may edit a message.',
    })
    await ada.execute({ type: 'editMessage', roomId: 'lobby', messageId: message.id, text: 'Standup moved to 11:00' })
    await waitFor('bob to see the edit', () => bob.view().discussions.lobby?.messages[0]?.text === 'Standup moved to 11:00')
    await ada.execute({ type: 'deleteMessage', roomId: 'lobby', messageId: message.id })
    await waitFor('bob to see it gone', () => bob.view().discussions.lobby?.messages.length === 0)
    await bob.execute({ type: 'closeDiscussion', roomId: 'lobby' })
    expect(bob.view().discussions.lobby).toBeUndefined()
  })
})

describe('link previews', () => {
  it('the poster fetches a preview once through /api/unfurl and everyone sees it with the message', async () => {
    // A page on loopback, reachable only through the server's tests-only loopback hook.
    let fetches = 0
    const page = createServer((_req, res) => {
      fetches++
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<html><head><title>Q3 plan</title><meta property="og:description" content="Roadmap and owners"><meta property="og:site_name" content="Docs"></head></html>')
    })
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve))
    const link = `http://127.0.0.1:${(page.address() as { port: number }).port}/q3`
    try {
      const { join } = await office({ unfurl: { allowLoopbackForTests: true } })
      const ada = await join('ada')
      const bob = await join('bob')
      await bob.execute({ type: 'openDiscussion', roomId: 'kitchen' })
      expect(await ada.execute({ type: 'postMessage', roomId: 'kitchen', text: `Plan is here: ${link}` })).toEqual(ok)
      const message = await waitFor('bob to see the preview', () => bob.view().discussions.kitchen?.messages.find((m) => m.preview))
      expect(message.preview).toEqual({ url: link, title: 'Q3 plan', description: 'Roadmap and owners', image: null, site: 'Docs' })
      expect(fetches).toBe(1)
    } finally {
      page.closeAllConnections()
      await new Promise((resolve) => page.close(resolve))
    }
  })
})
