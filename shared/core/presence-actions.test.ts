import { describe, expect, it } from 'vitest'
import type { OfficeView, RoomView } from '../contract/view'
import { planPresence, reactToAnswers, type PresenceContext, type PresenceCommand } from './presence-actions'
import { KNOCK_TTL_MS } from './presence'
import { initialPresence } from './presence'

function room(id: string, patch: Partial<RoomView> = {}): RoomView {
  return { id, name: id.toUpperCase(), kind: 'open', door: 'open', capacity: 0, order: 0, floor: 'Main floor', occupants: [], knocks: [], unread: 0, ...patch }
}

function office(rooms: RoomView[]): OfficeView {
  return {
    team: { id: 't', name: 'T' },
    me: { userId: 'me', room: null, mic: false, cam: false, screen: false, holdsMedia: false, managesRooms: false, callElsewhere: null, knock: null, pull: null, pulls: [], mentions: [], lastAnswer: null },
    connection: { state: 'online', detail: null },
    rooms: Object.fromEntries(rooms.map((r) => [r.id, r])),
    members: {},
    callMarks: {},
    discussions: {},
  }
}

const context: PresenceContext = { now: 1_000, maxEpochOfMine: 0, others: new Map(), callElsewhere: null }
const planCommand = (command: PresenceCommand, me: Parameters<typeof planPresence>[1], view: OfficeView) => planPresence(command, me, view, context)

const me = initialPresence('me', 'Me', 'web')

describe('planCommand', () => {
  it('enters a room and sets the mic for its kind in one step', () => {
    const view = office([room('open'), room('quiet', { kind: 'focus' }), room('sync', { kind: 'meeting' })])
    expect(planCommand({ type: 'enterRoom', roomId: 'open' }, me, view)).toEqual({ ok: true, next: { ...me, room: 'open', mic: true, mediaEpoch: 1 } })
    expect(planCommand({ type: 'enterRoom', roomId: 'quiet' }, { ...me, room: 'open', mic: true, mediaEpoch: 1 }, view)).toEqual({
      ok: true,
      next: { ...me, room: 'quiet', mic: false, mediaEpoch: 1 },
    })
    expect(planCommand({ type: 'enterRoom', roomId: 'sync' }, me, view)).toMatchObject({ ok: true, next: { room: 'sync', mic: true } })
  })

  it('refuses locked, closed, full and missing rooms with what to do next', () => {
    const view = office([
      room('locked', { door: 'locked' }),
      room('closed', { door: 'closed', occupants: ['x'] }),
      room('full', { capacity: 2, occupants: ['a', 'b'] }),
    ])
    expect(planCommand({ type: 'enterRoom', roomId: 'locked' }, me, view)).toEqual({ ok: false, error: expect.stringMatching(/locked/) })
    expect(planCommand({ type: 'enterRoom', roomId: 'closed' }, me, view)).toEqual({ ok: false, error: expect.stringMatching(/Knock/) })
    expect(planCommand({ type: 'enterRoom', roomId: 'full' }, me, view)).toEqual({ ok: false, error: expect.stringMatching(/full/) })
    expect(planCommand({ type: 'enterRoom', roomId: 'gone' }, me, view)).toEqual({ ok: false, error: expect.stringMatching(/no longer exists/) })
  })

  it('keeps the same state object when already in the room (nothing to write)', () => {
    const inside = { ...me, room: 'closed' }
    expect(planCommand({ type: 'enterRoom', roomId: 'closed' }, inside, office([room('closed', { door: 'closed' })]))).toEqual({ ok: true, next: inside })
  })

  it('leaves a room and turns media off; mic needs a room', () => {
    const inside = { ...me, room: 'open', mic: true, cam: true }
    expect(planCommand({ type: 'leaveRoom' }, inside, office([]))).toEqual({ ok: true, next: { ...me, room: null } })
    expect(planCommand({ type: 'setMic', on: true }, me, office([]))).toEqual({ ok: false, error: expect.stringMatching(/Join a room/) })
    expect(planCommand({ type: 'setMic', on: false }, inside, office([]))).toEqual({ ok: true, next: { ...inside, mic: false } })
  })
})

describe('knocks, pulls and the media lease', () => {
  const closed = room('den', { door: 'closed', occupants: ['bob'] })
  const withBob = (bob: Partial<ReturnType<typeof initialPresence>>) =>
    new Map([['bob', { ...initialPresence('bob', 'Bob', 'web'), room: 'den', ...bob }]])

  it('knocks on a closed door, and an occupant admits me into the room', () => {
    const view = office([closed])
    const knocked = planPresence({ type: 'knock', roomId: 'den' }, me, view, context)
    expect(knocked).toEqual({ ok: true, next: { ...me, knock: { room: 'den', at: 1_000 } } })
    const knocker = (knocked as { next: typeof me }).next

    const bob = { ...initialPresence('bob', 'Bob', 'web'), room: 'den' }
    const bobContext = { ...context, now: 2_000, others: new Map([['me', knocker]]) }
    const answered = planPresence({ type: 'answerKnock', userId: 'me', admit: true }, bob, view, bobContext)
    expect(answered).toMatchObject({ ok: true, next: { replies: [{ to: 'me', room: 'den', admit: true, at: 2_000 }] } })

    const reaction = reactToAnswers(knocker, view, { ...context, now: 2_500, others: new Map([['bob', (answered as { next: typeof me }).next]]) })
    expect(reaction?.answer).toEqual({ kind: 'knock', by: 'bob', room: 'den', admit: true, at: 2_000 })
    expect(reaction?.next).toMatchObject({ room: 'den', knock: null, mic: true })
  })

  it('a decline clears my knock and a stale knock expires', () => {
    const view = office([closed])
    const knocker = { ...me, knock: { room: 'den', at: 1_000 } }
    const declined = reactToAnswers(knocker, view, { ...context, others: withBob({ replies: [{ to: 'me', room: 'den', admit: false, at: 1_500 }] }) })
    expect(declined).toMatchObject({ next: { room: null, knock: null }, answer: { kind: 'knock', by: 'bob', admit: false } })
    const expired = reactToAnswers(knocker, view, { ...context, now: 1_000 + KNOCK_TTL_MS, others: withBob({}) })
    expect(expired?.next.knock).toBeNull()
    expect(expired?.answer.kind).toBe('expired')
    expect(reactToAnswers(knocker, view, { ...context, others: withBob({}) })).toBeNull()
  })

  it('refuses knocks on locked doors and when everyone inside is on do-not-disturb', () => {
    const locked = office([room('den', { door: 'locked', occupants: ['bob'] })])
    expect(planPresence({ type: 'knock', roomId: 'den' }, me, locked, context)).toEqual({ ok: false, error: expect.stringMatching(/locked/) })
    const dnd = office([closed])
    dnd.members.bob = { ...member('bob'), status: { text: '', emoji: '', dnd: true, until: null } }
    expect(planPresence({ type: 'knock', roomId: 'den' }, me, dnd, context)).toEqual({ ok: false, error: expect.stringMatching(/not to be disturbed/) })
    expect(planPresence({ type: 'knock', roomId: 'den' }, me, office([room('den', { door: 'open' })]), context)).toMatchObject({ ok: true, next: { room: 'den' } })
  })

  it('pulls someone into my room; accepting walks them in past a closed door', () => {
    const view = office([closed, room('hall')])
    view.members.me = { ...member('me'), online: true, room: 'hall' }
    const bob = { ...initialPresence('bob', 'Bob', 'web'), room: 'den' }
    const pulled = planPresence({ type: 'pull', userId: 'me' }, bob, view, { ...context, others: new Map([['me', me]]) })
    expect(pulled).toMatchObject({ ok: true, next: { pull: { to: 'me', room: 'den' } } })
    const accept = planPresence({ type: 'answerPull', fromUserId: 'bob', accept: true }, me, view, {
      ...context,
      others: new Map([['bob', (pulled as { next: typeof me }).next]]),
    })
    expect(accept).toMatchObject({ ok: true, next: { room: 'den', replies: [{ to: 'bob', admit: true }] } })
    const puller = (pulled as { next: typeof me }).next
    const heard = reactToAnswers(puller, view, { ...context, now: 1_500, others: new Map([['me', (accept as { next: typeof me }).next]]) })
    expect(heard).toMatchObject({ next: { pull: null }, answer: { kind: 'pull', by: 'me', room: 'den', admit: true } })
    view.members.me = { ...member('me'), online: true, status: { text: '', emoji: '', dnd: true, until: null } }
    expect(planPresence({ type: 'pull', userId: 'me' }, bob, view, context)).toEqual({ ok: false, error: expect.stringMatching(/not to be disturbed/) })
  })

  it('an invitation waits until cancelled, answered or I leave the room; unanswered, it ends as expired, not as declined', () => {
    const view = office([room('den'), room('hall')])
    view.members.me = { ...member('me'), online: true, room: 'hall' }
    const bob = { ...initialPresence('bob', 'Bob', 'web'), room: 'den' }
    const pending = (planPresence({ type: 'pull', userId: 'me' }, bob, view, context) as { next: typeof bob }).next
    expect(planPresence({ type: 'cancelPull' }, pending, view, context)).toEqual({ ok: true, next: { ...pending, pull: null } })
    expect(planPresence({ type: 'leaveRoom' }, pending, view, context)).toMatchObject({ ok: true, next: { room: null, pull: null } })
    const silence = { ...context, others: new Map([['me', me]]) }
    expect(reactToAnswers(pending, view, { ...silence, now: context.now + KNOCK_TTL_MS - 1 })).toBeNull()
    expect(reactToAnswers(pending, view, { ...silence, now: context.now + KNOCK_TTL_MS })).toEqual({
      next: { ...pending, pull: null },
      answer: { kind: 'pullExpired', by: 'me', room: 'den', admit: false, at: context.now + KNOCK_TTL_MS },
    })
    const cancelled = planPresence({ type: 'answerPull', fromUserId: 'bob', accept: true }, me, view, { ...context, others: new Map([['bob', bob]]) })
    expect(cancelled).toEqual({ ok: false, error: 'That invitation was cancelled or has expired.' })
  })

  it('moves the call from my other device to this one with a higher epoch', () => {
    const other = { ...initialPresence('me', 'Me', 'desktop'), room: 'hall', mic: true, mediaEpoch: 4 }
    const outcome = planPresence({ type: 'claimMedia' }, me, office([room('hall')]), { ...context, maxEpochOfMine: 4, callElsewhere: other })
    expect(outcome).toMatchObject({ ok: true, next: { room: 'hall', mic: true, mediaEpoch: 5 } })
    expect(planPresence({ type: 'claimMedia' }, me, office([]), context)).toEqual({ ok: false, error: expect.stringMatching(/not in a call/) })
  })

  it('marks me away after the idle threshold and back on input, writing only on change', () => {
    const idle = planPresence({ type: 'reportIdle', idleMs: 11 * 60_000 }, me, office([]), { ...context, now: 20 * 60_000 })
    expect(idle).toMatchObject({ ok: true, next: { idleSince: 9 * 60_000 } })
    const away = (idle as { next: typeof me }).next
    expect(planPresence({ type: 'reportIdle', idleMs: 12 * 60_000 }, away, office([]), context)).toEqual({ ok: true, next: away })
    expect(planPresence({ type: 'reportIdle', idleMs: 0 }, away, office([]), context)).toMatchObject({ next: { idleSince: null } })
  })
})

function member(id: string): OfficeView['members'][string] {
  return { id, name: id, avatar: 'sprite:0', online: false, room: null, mic: false, cam: false, screen: false, idle: false, title: '', timezone: '', status: null }
}
