import { describe, expect, it } from 'vitest'
import type { OfficeView, RoomView } from '../contract/view'
import { planPresence, type PresenceContext, type PresenceCommand } from './presence-actions'
import { initialPresence } from './presence'

function room(id: string, patch: Partial<RoomView> = {}): RoomView {
  return { id, name: id.toUpperCase(), kind: 'open', door: 'open', capacity: 0, order: 0, occupants: [], knocks: [], ...patch }
}

function office(rooms: RoomView[]): OfficeView {
  return {
    team: { id: 't', name: 'T' },
    me: { userId: 'me', room: null, mic: false, cam: false, screen: false, holdsMedia: false, callElsewhere: null, knock: null, pulls: [], lastAnswer: null },
    connection: { state: 'online', detail: null },
    rooms: Object.fromEntries(rooms.map((r) => [r.id, r])),
    members: {},
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
