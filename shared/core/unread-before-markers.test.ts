// A device that knows none of my read markers (a new device, or a new member's first) counts nothing
// unread until the server's markers arrive, however late they come: real cores, a real server, and the
// real SQLite store with its marker read held back, as a busy Postgres or a slow disk holds it.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createTestTeam, openCore, removeTempDirs, startTestServer, tempDir, tokenFor, waitFor } from '../../server/testing/harness'
import type { RunningServer } from '../../server/start'
import { SqliteStore } from '../../server/store/sqlite-store'
import type { PresenceCore } from './engine'

const cores: PresenceCore[] = []
let server: RunningServer | null = null
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()))
  await server?.close()
  server = null
})
afterAll(removeTempDirs)

/** The store, with the member markers' read held until `release()` while `holding` (the other calls go straight through). */
function holdMarkerReads(store: SqliteStore) {
  const held: Array<() => void> = []
  const gate = { holding: false, pending: () => held.length, release: () => held.splice(0).forEach((go) => go()) }
  const readMarkers: SqliteStore['readMarkers'] = async (...args) => {
    if (gate.holding) await new Promise<void>((go) => held.push(go))
    return store.readMarkers(...args)
  }
  const wrapped = new Proxy(store, {
    get: (target, key) => (key === 'readMarkers' ? readMarkers : (Reflect.get(target, key) as unknown)),
  })
  return { store: wrapped, gate }
}

async function officeWithHeldMarkers() {
  const dir = tempDir()
  const teamId = await createTestTeam(dir)
  const { store, gate } = holdMarkerReads(SqliteStore.open(dir))
  server = await startTestServer(dir, { store })
  const url = server.url
  const join = async (user: string) => {
    const core = await openCore(url, await tokenFor(dir, teamId, user), undefined, 'desktop')
    cores.push(core)
    await core.whenSynced()
    return core
  }
  return { join, gate }
}

describe('unread on a device that knows none of my markers yet', () => {
  it('counts nothing while the server has not sent my markers, then counts only what I had not read', async () => {
    const { join, gate } = await officeWithHeldMarkers()
    const bob = await join('bob')
    const laptop = await join('ada')
    await bob.execute({ type: 'postMessage', roomId: 'kitchen', text: '@Ada one', mentions: ['ada'] })
    await bob.execute({ type: 'postMessage', roomId: 'kitchen', text: 'two' })
    await waitFor('two unread on the laptop', () => laptop.view().rooms.kitchen!.unread === 2)
    expect(await laptop.execute({ type: 'openDiscussion', roomId: 'kitchen' })).toEqual({ ok: true })
    expect(await laptop.execute({ type: 'closeDiscussion', roomId: 'kitchen' })).toEqual({ ok: true })
    await bob.execute({ type: 'postMessage', roomId: 'kitchen', text: 'three' })
    await waitFor('the third post unread on the laptop', () => laptop.view().rooms.kitchen!.unread === 1)

    gate.holding = true
    const tablet = await join('ada')
    await waitFor('the tablet asking for its markers', () => gate.pending() === 1)
    expect(tablet.view().rooms.kitchen, 'the tablet has the team document and its posts').toBeDefined()
    expect(tablet.view().rooms.kitchen!.unread, 'posts read on the laptop, counted before the markers came').toBe(0)
    expect(tablet.view().me.mentions, 'a mention read on the laptop').toEqual([])

    gate.holding = false
    gate.release()
    await waitFor('the one post the laptop had not read', () => tablet.view().rooms.kitchen!.unread === 1)
    expect(tablet.view().me.mentions).toEqual([])
  })

  it('settles on an empty marker message when I have read nothing anywhere: every post is then unread', async () => {
    const { join, gate } = await officeWithHeldMarkers()
    const bob = await join('bob')
    // Ada is a member before the posts (a member who joins after them starts with them read).
    const laptop = await join('ada')
    await laptop.close()
    await bob.execute({ type: 'postMessage', roomId: 'kitchen', text: 'one' })
    await bob.execute({ type: 'postMessage', roomId: 'kitchen', text: 'two' })

    gate.holding = true
    const tablet = await join('ada')
    await waitFor('the tablet asking for its markers', () => gate.pending() === 1)
    expect(tablet.view().rooms.kitchen!.unread).toBe(0)
    gate.holding = false
    gate.release()
    await waitFor('both posts unread once the server said there are no markers', () => tablet.view().rooms.kitchen!.unread === 2)
  })
})
