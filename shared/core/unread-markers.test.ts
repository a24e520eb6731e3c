// Unread markers and mentions per room discussion (issue 12): real cores, a real server, real sockets.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { readSummary } from '../model/room-activity'
import { removeTempDirs, startTestOffice, tokenFor, waitFor, type TestOffice } from '../../server/testing/harness'
import { PresenceCore } from './engine'
import type { SocketConstructor } from './jittered-socket'
import { MemoryStorage } from './storage-port'

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

describe('read markers are bounded: every move reaches every member of the team', () => {
  /** Every value of Ada's kitchen marker `core` receives, in order. */
  const kitchenMarksSeen = (core: PresenceCore) => {
    const seen: unknown[] = []
    const reads = core.team.doc.getMap('reads').get('ada') as Y.Map<unknown>
    reads.observe((event) => {
      if (event.keysChanged.has('kitchen')) seen.push(reads.get('kitchen'))
    })
    return seen
  }

  it('an open discussion moves my marker once, holds later messages back (read here at once), and marks the last one when it closes; reopening with nothing new writes nothing', async () => {
    office = await startTestOffice()
    // A hold-back longer than any test run: every move after the first is the close's.
    const laptop = await PresenceCore.open({
      serverUrl: office.server.url,
      token: await tokenFor(office.dir, office.teamId, 'ada'),
      storage: new MemoryStorage(),
      WebSocket: WebSocket as unknown as SocketConstructor,
      device: 'desktop',
      readMarkEveryMs: 3_600_000,
    })
    try {
      await laptop.whenSynced()
      const phone = await office.join('ada', 'web')
      const bob = await office.join('bob')
      const seen = kitchenMarksSeen(phone)

      await bob.execute({ type: 'postMessage', roomId: 'kitchen', text: 'one' })
      await waitFor('the first post on the laptop', () => readSummary(laptop.team, 'kitchen')?.seq === 1)
      expect(await laptop.execute({ type: 'openDiscussion', roomId: 'kitchen' })).toEqual({ ok: true })
      await waitFor('the first mark on the phone', () => seen.length === 1)
      expect(seen).toEqual([1])

      // One at a time, so each reaches the laptop as its own summary (a marker that followed every message would move twice).
      await bob.execute({ type: 'postMessage', roomId: 'kitchen', text: 'two' })
      await waitFor('the second post in the summary', () => readSummary(laptop.team, 'kitchen')?.seq === 2)
      await bob.execute({ type: 'postMessage', roomId: 'kitchen', text: 'three' })
      await waitFor('both posts in the open discussion', () => laptop.view().discussions.kitchen?.messages.length === 3)
      await waitFor('both posts in the summary', () => readSummary(laptop.team, 'kitchen')?.seq === 3)
      await waitFor('the laptop to show the open room read', () => laptop.view().rooms.kitchen!.unread === 0)
      await waitFor('the phone to count them unread', () => phone.view().rooms.kitchen!.unread === 2)

      expect(await laptop.execute({ type: 'closeDiscussion', roomId: 'kitchen' })).toEqual({ ok: true })
      await waitFor('the phone to see them read', () => phone.view().rooms.kitchen!.unread === 0)
      expect(seen).toEqual([1, 3])

      // Reopened with nothing new: no write. Bob's next post, marked at once, comes after any wrong one.
      expect(await laptop.execute({ type: 'openDiscussion', roomId: 'kitchen' })).toEqual({ ok: true })
      await bob.execute({ type: 'postMessage', roomId: 'kitchen', text: 'four' })
      await waitFor('the fourth marked on the phone', () => seen.includes(4))
      expect(seen).toEqual([1, 3, 4])
    } finally {
      await laptop.close()
    }
  })

  it('putting the device away marks what its open discussion showed at once', async () => {
    office = await startTestOffice()
    const laptop = await PresenceCore.open({
      serverUrl: office.server.url,
      token: await tokenFor(office.dir, office.teamId, 'ada'),
      storage: new MemoryStorage(),
      WebSocket: WebSocket as unknown as SocketConstructor,
      device: 'desktop',
      readMarkEveryMs: 3_600_000,
    })
    try {
      await laptop.whenSynced()
      const phone = await office.join('ada', 'web')
      const bob = await office.join('bob')
      const seen = kitchenMarksSeen(phone)
      expect(await laptop.execute({ type: 'openDiscussion', roomId: 'kitchen' })).toEqual({ ok: true })
      await bob.execute({ type: 'postMessage', roomId: 'kitchen', text: 'one' })
      await waitFor('the first mark on the phone', () => seen.length === 1)
      await bob.execute({ type: 'postMessage', roomId: 'kitchen', text: 'two' })
      await waitFor('the second post on the laptop', () => readSummary(laptop.team, 'kitchen')?.seq === 2)
      await laptop.stepAway()
      await waitFor('the phone to see the second read', () => seen.length === 2)
      expect(seen).toEqual([1, 2])
    } finally {
      await laptop.close()
    }
  })
})
