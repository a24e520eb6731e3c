// Unread markers and mentions per room discussion (issue 12): real cores, a real server, real sockets.
// Read markers are kept on each device (device-read-markers.ts) and passed between my own devices
// by the server (read-marker-sync.ts), never in the team document.
import { describe, expect, it } from 'vitest'
import { waitFor } from '../../server/testing/harness'
import { officesClosedAfterEach } from '../../server/testing/test-office'
import { readSummary } from '../model/room-activity'
import { DeviceReadMarks, loadReadMarks, readMarksRecordName } from './device-read-markers'
import { MemoryStorage } from './storage-port'

const startTestOffice = officesClosedAfterEach()

const encode = (text: string) => new TextEncoder().encode(text)

describe('unread markers and mentions', () => {
  it('a post in a room I have not opened shows as unread; a mention of me is listed; opening it clears both here and on my other device, with no write to the team document', async () => {
    const office = await startTestOffice()
    const laptop = await office.join('ada')
    const phone = await office.join('ada', { device: 'web' })
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
    await waitFor('the laptop to read it', () => laptop.view().rooms.kitchen!.unread === 0 && laptop.view().me.mentions.length === 0)
    await waitFor("the laptop's read on the phone", () => phone.view().rooms.kitchen!.unread === 0 && phone.view().me.mentions.length === 0)
    expect(bob.view().rooms.kitchen!.unread).toBe(0)
    // Closed first: an open discussion reads the next post at once, and its read reaches the phone too.
    expect(await laptop.execute({ type: 'closeDiscussion', roomId: 'kitchen' })).toEqual({ ok: true })
    expect(await bob.execute({ type: 'postMessage', roomId: 'kitchen', text: 'Milk?' })).toEqual({ ok: true })
    await waitFor('the third post unread on both devices', () => phone.view().rooms.kitchen!.unread === 1 && laptop.view().rooms.kitchen!.unread === 1)
    expect(await laptop.execute({ type: 'openDiscussion', roomId: 'kitchen' })).toEqual({ ok: true })
    await waitFor('the reopened laptop to read the third, and the phone to follow', () => laptop.view().rooms.kitchen!.unread === 0 && phone.view().rooms.kitchen!.unread === 0)
    for (const core of [laptop, phone, bob]) expect(core.team.doc.share.has('reads'), 'a reads map in the team document').toBe(false)
  })

  it('what this device read survives a restart of the core with the same storage; only later posts are unread', async () => {
    const office = await startTestOffice()
    const bob = await office.join('bob')
    const storage = new MemoryStorage()
    const first = await office.join('ada', { storage })
    await bob.execute({ type: 'postMessage', roomId: 'kitchen', text: '@Ada one', mentions: ['ada'] })
    await waitFor('the mention on the laptop', () => first.view().me.mentions.length === 1)
    expect(await first.execute({ type: 'openDiscussion', roomId: 'kitchen' })).toEqual({ ok: true })
    await waitFor('the laptop to read it', () => first.view().rooms.kitchen!.unread === 0)
    expect(await first.execute({ type: 'closeDiscussion', roomId: 'kitchen' })).toEqual({ ok: true })
    await first.close()

    await bob.execute({ type: 'postMessage', roomId: 'kitchen', text: 'two' })
    const again = await office.join('ada', { storage })
    await waitFor('the second post on the restarted core', () => again.view().rooms.kitchen!.unread > 0)
    expect(again.view().rooms.kitchen!.unread).toBe(1)
    expect(again.view().me.mentions).toEqual([])

    // Another device of mine, with storage of its own, gets what the laptop read from the server.
    const phone = await office.join('ada', { storage: new MemoryStorage() })
    await waitFor('only the second post unread on the phone', () => phone.view().rooms.kitchen!.unread === 1)
    expect(phone.view().me.mentions).toEqual([])
  })

  it('reads a device made offline reach my other devices once it connects; another member is not told', async () => {
    const office = await startTestOffice()
    const bob = await office.join('bob')
    // Ada and Carol are members before the posts: one who joins the team later starts with them read.
    const phone = await office.join('ada', { device: 'web' })
    const carol = await office.join('carol')
    await bob.execute({ type: 'postMessage', roomId: 'kitchen', text: 'one' })
    await bob.execute({ type: 'postMessage', roomId: 'kitchen', text: 'two' })
    await waitFor('two unread on the phone and for Carol', () => phone.view().rooms.kitchen!.unread === 2 && carol.view().rooms.kitchen!.unread === 2)
    // The laptop read both while it was offline: its storage says so before it ever connects.
    const storage = new MemoryStorage()
    await storage.compact(readMarksRecordName(office.teamId, 'ada'), encode('{"kitchen":2}'))
    await office.join('ada', { storage })
    await waitFor("the laptop's offline read on the phone", () => phone.view().rooms.kitchen!.unread === 0)
    // A later post reaches Carol after anything Ada's marker could have moved for her.
    await bob.execute({ type: 'postMessage', roomId: 'kitchen', text: 'three' })
    await waitFor('the third post for Carol', () => readSummary(carol.team, 'kitchen')?.seq === 3)
    expect(carol.view().rooms.kitchen!.unread).toBe(3)
    await waitFor('only the third post unread on the phone', () => phone.view().rooms.kitchen!.unread === 1)
  })

  it('a stored marker that does not read counts the room unread instead of failing the core; the next read replaces it', async () => {
    const office = await startTestOffice()
    const bob = await office.join('bob')
    // Ada is a member before the posts (one who joins the team later starts with them read); that device then goes.
    await (await office.join('ada', { device: 'web' })).close()
    await bob.execute({ type: 'postMessage', roomId: 'kitchen', text: 'one' })
    await bob.execute({ type: 'postMessage', roomId: 'lobby', text: 'two' })
    const storage = new MemoryStorage()
    const record = readMarksRecordName(office.teamId, 'ada')
    await storage.compact(record, encode('{"kitchen":"1","lobby":1}'))
    const ada = await office.join('ada', { storage })
    await waitFor('both posts counted', () => ada.view().rooms.kitchen!.unread === 1 && ada.view().rooms.lobby!.unread === 0)
    expect(ada.view().connection.state).toBe('online')
    expect(await ada.execute({ type: 'openDiscussion', roomId: 'kitchen' })).toEqual({ ok: true })
    await waitFor('the kitchen read', () => ada.view().rooms.kitchen!.unread === 0)
    await ada.close()
    expect(await loadReadMarks(storage, record)).toEqual(new Map([['kitchen', 1], ['lobby', 1]]))
  })

  it("a guest's open room reads as read on its device, and the guest, writing nothing to the team, stays online", async () => {
    const office = await startTestOffice()
    const gus = await office.join('gus', { device: 'web', role: 'guest' })
    const bob = await office.join('bob')
    await bob.execute({ type: 'postMessage', roomId: 'kitchen', text: 'Hello' })
    await waitFor('the unread on the guest', () => gus.view().rooms.kitchen!.unread === 1)
    expect(await gus.execute({ type: 'openDiscussion', roomId: 'kitchen' })).toEqual({ ok: true })
    await waitFor('the guest to read it', () => gus.view().rooms.kitchen!.unread === 0)
    await bob.execute({ type: 'postMessage', roomId: 'kitchen', text: 'Still there?' })
    await waitFor('the second post on the guest', () => gus.view().discussions.kitchen?.messages.some((m) => m.text === 'Still there?'))
    await waitFor('the summary of the second post on the guest', () => readSummary(gus.team, 'kitchen')?.seq === 2)
    expect(gus.view().rooms.kitchen!.unread).toBe(0)
    expect(gus.view().connection.state).toBe('online')
  })
})

describe('device read markers', () => {
  it('reads any stored bytes: not JSON, not an object, or an entry that is not a sequence reads as nothing read', async () => {
    const storage = new MemoryStorage()
    expect(await loadReadMarks(storage, 'none')).toEqual(new Map())
    for (const bad of ['{"kitchen', '[3]', 'null', '7']) {
      await storage.compact('bad', encode(bad))
      expect(await loadReadMarks(storage, 'bad'), bad).toEqual(new Map())
    }
    await storage.compact('mixed', encode('{"kitchen":3,"lobby":-1,"hall":2.5,"attic":null,"den":0}'))
    expect(await loadReadMarks(storage, 'mixed')).toEqual(new Map([['kitchen', 3], ['den', 0]]))
  })

  it('keeps the maximum: a marker never moves back, and a bad sequence is not stored', async () => {
    const storage = new MemoryStorage()
    const failures: unknown[] = []
    const marks = new DeviceReadMarks(storage, 'marks', new Map(), (error) => failures.push(error))
    expect(marks.markRead('kitchen', 5)).toBe(true)
    expect(marks.markRead('kitchen', 3)).toBe(false)
    expect(marks.markRead('kitchen', 5)).toBe(false)
    for (const bad of [-1, 6.5, Number.NaN]) expect(marks.markRead('kitchen', bad), String(bad)).toBe(false)
    expect(marks.read('kitchen')).toBe(5)
    expect(marks.read('lobby')).toBe(0)
    await marks.saved()
    expect(await loadReadMarks(storage, 'marks')).toEqual(new Map([['kitchen', 5]]))
    expect(failures).toEqual([])
  })
})
