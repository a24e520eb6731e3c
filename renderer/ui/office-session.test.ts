import { unwrap } from 'solid-js/store'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { MessageChannelLike } from '../../shared/contract/view-port'
import { serveViewPort } from '../../shared/core/view-port'
import { VIEW_SNAPSHOT_MAX_CHARS, encodeViewSnapshot } from '../../shared/contract/view-snapshot'
import { DEFAULT_ROOMS } from '../../shared/model/starter-rooms'
import type { OfficeView } from '../../shared/contract/view'
import { STILL_CONNECTING, openOfficeSession, type OfficeSessionOptions } from './office-session'
import { loadCoreMessageChecks } from './core-message-checks'
import { openOfflineCore, storageWithTeam } from '../../server/testing/offline-core'

// Runs against the real core (offline: nothing listens on its server port), over an async
// in-memory channel like a MessagePort, so snapshots and patches are the real ones.

/** Two ends of a channel; messages arrive on a later task, cloned, as through a real port. */
function channelPair(): { view: MessageChannelLike; core: MessageChannelLike; fromCore(message: unknown): void; sentByView: unknown[] } {
  const handlers = { view: new Set<(m: unknown) => void>(), core: new Set<(m: unknown) => void>() }
  const sentByView: unknown[] = []
  const end = (self: keyof typeof handlers, other: keyof typeof handlers): MessageChannelLike => ({
    post(message) {
      if (self === 'view') sentByView.push(message)
      const copy = structuredClone(message)
      setTimeout(() => handlers[other].forEach((handler) => handler(copy)))
    },
    listen(handler) {
      handlers[self].add(handler)
      return () => handlers[self].delete(handler)
    },
  })
  return {
    view: end('view', 'core'),
    core: end('core', 'view'),
    fromCore: (message) => handlers.view.forEach((handler) => handler(message)),
    sentByView,
  }
}

const cleanups: Array<() => Promise<void> | void> = []
// A page loads these on its core's first message (core-message-checks.test.ts); loaded up front
// here, so a message a test hands over is read at once, as on a page that has them.
beforeAll(async () => {
  await loadCoreMessageChecks()
})
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function officeOverRealCore(options: OfficeSessionOptions = {}) {
  const core = await openOfflineCore(await storageWithTeam('t1', DEFAULT_ROOMS), 't1', 'ada')
  cleanups.push(() => core.close())
  const channels = channelPair()
  cleanups.push(serveViewPort(core, channels.core))
  const session = openOfficeSession(channels.view, options)
  cleanups.push(session.close)
  return { session, channels, core }
}

/** The office as a device saved it earlier: Acme with a kitchen Bo was in, and a member the core never heard of. */
async function savedOffice(): Promise<OfficeView> {
  const core = await openOfflineCore(await storageWithTeam('t1', DEFAULT_ROOMS), 't1', 'ada')
  const view = structuredClone(core.view())
  await core.close()
  view.members.bo = { ...view.members.ada!, id: 'bo', name: 'Bo', online: true, room: 'kitchen' }
  view.rooms.kitchen!.occupants = ['bo']
  return view
}

describe('office session', () => {
  it('says hello and mirrors the snapshot', async () => {
    const { session, channels } = await officeOverRealCore()
    expect(channels.sentByView[0]).toEqual({ type: 'hello' })
    await vi.waitFor(() => expect(session.office.view?.team.name).toBe('Acme'))
    expect(Object.keys(session.office.view!.rooms).sort()).toEqual(DEFAULT_ROOMS.map((room) => room.id).sort())
  })

  it('applies the patches a command causes', async () => {
    const { session } = await officeOverRealCore()
    await vi.waitFor(() => expect(session.office.view).not.toBeNull())
    session.run({ type: 'enterRoom', roomId: 'kitchen' })
    await vi.waitFor(() => expect(session.office.view!.rooms.kitchen!.occupants).toEqual(['ada']))
    expect(session.office.view!.me.room).toBe('kitchen')
    expect(session.office.view!.members.ada?.room).toBe('kitchen')
    expect(session.notices()).toEqual([])
  })

  it('shows a refused command as an error notice until dismissed, and the next attempt replaces it', async () => {
    const { session } = await officeOverRealCore()
    await vi.waitFor(() => expect(session.office.view).not.toBeNull())
    await session.run({ type: 'setMic', on: true })
    expect(session.notices()).toEqual([{ id: expect.any(Number), text: expect.stringMatching(/Join a room first/), tone: 'error' }])
    await session.run({ type: 'setCam', on: true })
    expect(session.notices()).toHaveLength(1)
    session.dismissNotice(session.notices()[0]!.id)
    expect(session.notices()).toEqual([])
  })

  it('ignores off-contract messages and starts over when a patch does not fit', async () => {
    const { session, channels } = await officeOverRealCore()
    await vi.waitFor(() => expect(session.office.view).not.toBeNull())
    channels.fromCore({ type: 'snapshot', view: { team: 'not a view' } })
    channels.fromCore({ type: 'surprise' })
    expect(session.office.view!.team.name).toBe('Acme')

    channels.fromCore({ type: 'patch', ops: [{ op: 'set', path: ['rooms', 'gone', 'name'], value: 'x' }] })
    expect(channels.sentByView.filter((message) => (message as { type: string }).type === 'hello')).toHaveLength(2)
    await vi.waitFor(() => expect(session.office.view!.rooms.gone).toBeUndefined())
  })

  it('refuses and logs each patch whose value does not fit its place, applies the fitting ones of the same message, and keeps working', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    cleanups.push(() => warn.mockRestore())
    const { session, channels } = await officeOverRealCore()
    await vi.waitFor(() => expect(session.live()).toBe(true))
    const before = structuredClone(unwrap(session.office).view!)
    const bad = [
      { op: 'set', path: ['members', 'ada', 'mic'], value: 'yes' },
      { op: 'set', path: ['rooms', 'kitchen', 'occupants'], value: ['bo', 7] },
      { op: 'set', path: ['me', 'room'], value: 42 },
      { op: 'set', path: ['members', 'ada', 'status'], value: { text: 1, emoji: '', dnd: false, until: null } },
      { op: 'set', path: ['connection', 'state'], value: 'banana' },
      { op: 'set', path: ['members', 'bo'], value: { id: 'bo', name: 'Bo' } },
      { op: 'set', path: ['team'], value: null },
      { op: 'set', path: ['nowhere'], value: 1 },
      { op: 'del', path: ['me', 'mic'] },
    ]
    channels.fromCore({
      type: 'patch',
      ops: [{ op: 'set', path: ['team', 'name'], value: 'Patched' }, ...bad, { op: 'set', path: ['members', 'ada', 'title'], value: 'CTO' }],
    })

    const view = unwrap(session.office).view!
    expect(view.team.name).toBe('Patched')
    expect(view.members.ada!.title).toBe('CTO')
    expect({ ...view, team: before.team, members: { ...view.members, ada: { ...view.members.ada!, title: before.members.ada!.title } } }).toEqual(before)
    expect(warn.mock.calls.map(([line]) => String(line).match(/fit the view: ([a-z/]+)/)?.[1])).toEqual([
      'members/ada/mic',
      'rooms/kitchen/occupants',
      'me/room',
      'members/ada/status',
      'connection/state',
      'members/bo',
      'team',
      'nowhere',
      'me/mic',
    ])
    // A refused value is the core's bug, not a gap in the copy: no snapshot is asked for, and the next real patch applies.
    expect(channels.sentByView.filter((message) => (message as { type: string }).type === 'hello')).toHaveLength(1)
    expect(await session.run({ type: 'enterRoom', roomId: 'kitchen' })).toEqual({ ok: true })
    await vi.waitFor(() => expect(session.office.view!.rooms.kitchen!.occupants).toEqual(['ada']))
  })

  it('shows a saved view at once, not live, and replaces it in place with the live one: a member only the saved view had is gone', async () => {
    const saved = await savedOffice()
    // What the office showed at each change: the first one must already be the live view, with no step between.
    const changes: { live: boolean; bo: boolean }[] = []
    let shown: ReturnType<typeof openOfficeSession> | null = null
    const { session } = await officeOverRealCore({
      saved,
      onChange: () => changes.push({ live: shown!.live(), bo: shown!.office.view!.members.bo !== undefined }),
    })
    shown = session
    expect(session.live()).toBe(false)
    expect(session.office.view!.members.bo?.name).toBe('Bo')
    expect(session.office.view!.rooms.kitchen!.occupants).toEqual(['bo'])

    await vi.waitFor(() => expect(session.live()).toBe(true))
    expect(session.office.view!.members.bo).toBeUndefined()
    expect(session.office.view!.rooms.kitchen!.occupants).toEqual([])
    expect(changes[0]).toEqual({ live: true, bo: false })
  })

  it('refuses commands on the saved view, with a reason, without sending them; once live they go through', async () => {
    const { session, channels } = await officeOverRealCore({ saved: await savedOffice() })
    const refused = await session.run({ type: 'enterRoom', roomId: 'kitchen' })
    expect(refused).toEqual({ ok: false, error: expect.stringMatching(/still opening your office/) })
    expect(session.notices()).toEqual([{ id: expect.any(Number), text: refused.ok ? '' : refused.error, tone: 'error' }])
    expect(channels.sentByView.filter((message) => (message as { type: string }).type === 'command')).toEqual([])

    await vi.waitFor(() => expect(session.live()).toBe(true))
    expect(await session.run({ type: 'enterRoom', roomId: 'kitchen' })).toEqual({ ok: true })
    await vi.waitFor(() => expect(session.office.view!.rooms.kitchen!.occupants).toEqual(['ada']))
  })

  it("keeps the saved view while the core's view is still connecting (others' presence not in), saying so on a press; hands over once it is online", async () => {
    const saved = await savedOffice()
    const coreView = structuredClone(saved)
    coreView.connection = { state: 'connecting', detail: null }
    coreView.members.bo = { ...coreView.members.bo!, online: false, room: null }
    coreView.rooms.kitchen!.occupants = []
    const channels = channelPair()
    const changes: boolean[] = []
    const session = openOfficeSession(channels.view, { saved, onChange: () => changes.push(session.office.view!.members.bo!.online) })
    cleanups.push(session.close)

    channels.fromCore({ type: 'snapshot', view: coreView })
    channels.fromCore({ type: 'patch', ops: [{ op: 'set', path: ['members', 'bo', 'name'], value: 'Bo B.' }] })
    expect(session.live()).toBe(false)
    expect(session.office.view!.rooms.kitchen!.occupants).toEqual(['bo'])
    expect(await session.run({ type: 'enterRoom', roomId: 'kitchen' })).toEqual({ ok: false, error: STILL_CONNECTING })
    expect(changes).toEqual([])

    // The core's first sync: Bo's presence is in, and the line goes online in the same view.
    channels.fromCore({
      type: 'patch',
      ops: [
        { op: 'set', path: ['members', 'bo', 'online'], value: true },
        { op: 'set', path: ['members', 'bo', 'room'], value: 'kitchen' },
        { op: 'set', path: ['rooms', 'kitchen', 'occupants'], value: ['bo'] },
        { op: 'set', path: ['connection'], value: { state: 'online', detail: null } },
      ],
    })
    expect(session.live()).toBe(true)
    expect(session.office.view!.members.bo).toMatchObject({ name: 'Bo B.', online: true, room: 'kitchen' })
    expect(changes).toEqual([true])
  })

  it("keeps the saved view however long the core's view says connecting (a slow admission), and hands over when its line says offline", async () => {
    vi.useFakeTimers()
    cleanups.push(() => void vi.useRealTimers())
    const saved = await savedOffice()
    const channels = channelPair()
    const session = openOfficeSession(channels.view, { saved })
    cleanups.push(session.close)
    channels.fromCore({ type: 'snapshot', view: { ...structuredClone(saved), connection: { state: 'connecting', detail: null }, members: { ada: saved.members.ada! } } })
    // Far past the 5 s after which the core's half-empty view used to be shown.
    vi.advanceTimersByTime(10 * 60_000)
    expect(session.live()).toBe(false)
    expect(session.office.view!.members.bo?.online).toBe(true)
    expect(await session.run({ type: 'enterRoom', roomId: 'kitchen' })).toEqual({ ok: false, error: STILL_CONNECTING })

    // The core's admission wait ran out (shared/core/connection-line.ts): offline is the truth now.
    channels.fromCore({ type: 'patch', ops: [{ op: 'set', path: ['connection'], value: { state: 'offline', detail: null } }] })
    expect(session.live()).toBe(true)
    expect(session.office.view!.members.bo).toBeUndefined()
  })

  it('asks for a snapshot instead of patching the saved view', async () => {
    const { session, channels } = await officeOverRealCore({ saved: await savedOffice() })
    channels.fromCore({ type: 'patch', ops: [{ op: 'set', path: ['team', 'name'], value: 'Patched' }] })
    expect(session.office.view!.team.name).toBe('Acme')
    expect(channels.sentByView.filter((message) => (message as { type: string }).type === 'hello')).toHaveLength(2)
    await vi.waitFor(() => expect(session.live()).toBe(true))
  })

  it("gets the saved-view text from the core, byte for byte what the page used to build, and the office's latest state", async () => {
    const texts: Array<string | null> = []
    const { session, core } = await officeOverRealCore({ onSavedViewText: (text) => texts.push(text) })
    await vi.waitFor(() => expect(session.live()).toBe(true))
    session.requestSavedViewText()
    await vi.waitFor(() => expect(texts).toHaveLength(1))
    const { savedAt } = JSON.parse(texts[0]!) as { savedAt: number }
    expect(texts[0]).toBe(encodeViewSnapshot(core.view(), savedAt))

    expect(await session.run({ type: 'enterRoom', roomId: 'kitchen' })).toEqual({ ok: true })
    session.requestSavedViewText()
    await vi.waitFor(() => expect(texts).toHaveLength(2))
    expect((JSON.parse(texts[1]!) as { view: OfficeView }).view.rooms.kitchen!.occupants).toEqual(['ada'])
  })

  it('asks for no saved-view text while it shows the saved view, before the core answered', () => {
    const channels = channelPair()
    const session = openOfficeSession(channels.view, { saved: null })
    cleanups.push(session.close)
    session.requestSavedViewText()
    expect(channels.sentByView).toEqual([{ type: 'hello' }])
  })

  it('drops saved-view text over the size bound or not a string, and keeps taking good text', async () => {
    const texts: Array<string | null> = []
    const { session, channels } = await officeOverRealCore({ onSavedViewText: (text) => texts.push(text) })
    await vi.waitFor(() => expect(session.live()).toBe(true))
    channels.fromCore({ type: 'savedViewText', text: 'x'.repeat(VIEW_SNAPSHOT_MAX_CHARS + 1) })
    channels.fromCore({ type: 'savedViewText', text: 42 })
    channels.fromCore({ type: 'savedViewText', text: null })
    channels.fromCore({ type: 'savedViewText', text: 'marker' })
    expect(texts).toEqual([null, 'marker'])
  })
})
