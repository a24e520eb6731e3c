import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { TeamDoc } from '../model/team-doc'
import { buildOfficeView, callMarksOf } from './office-view'
import { initialPresence, pickDeviceState } from './presence'

function team(): TeamDoc {
  const t = new TeamDoc(new Y.Doc())
  t.initialise('Acme', 1)
  t.addRoom('a', { name: 'A', kind: 'open', door: 'open', capacity: 0, order: 1 })
  t.addRoom('b', { name: 'B', kind: 'focus', door: 'closed', capacity: 2, order: 0 })
  t.ensureMember('ada', { name: 'Ada' })
  t.ensureMember('bob', { name: 'Bob' })
  t.ensureMember('cy', { name: 'Cy' })
  return t
}

describe('buildOfficeView', () => {
  it('places online members in their rooms and keeps the rest offline', () => {
    const me = { ...initialPresence('ada', 'Ada', 'web'), room: 'a', mic: true }
    const states = new Map<number, unknown>([
      [1, me],
      [2, { ...initialPresence('bob', 'Bob', 'desktop'), room: 'a' }],
      [3, { garbage: true }],
      [4, { ...initialPresence('zed', 'Zed', 'web'), room: 'nowhere' }],
    ])
    const view = buildOfficeView({
      teamId: 't',
      team: team(),
      me,
      myClientId: 1,
      states,
      connection: { state: 'online', detail: null },
      lastAnswer: null,
      discussions: {},
      callActivity: { roomId: null, members: [] },
      role: 'member',
      now: 1_000,
    })
    expect(view.team).toEqual({ id: 't', name: 'Acme' })
    expect(view.me).toMatchObject({ userId: 'ada', room: 'a', mic: true, holdsMedia: true, callElsewhere: null })
    expect(view.rooms.a!.occupants).toEqual(['ada', 'bob'])
    expect(view.rooms.b!.occupants).toEqual([])
    expect(view.members.cy).toMatchObject({ online: false, room: null })
    expect(view.members.zed).toMatchObject({ name: 'Zed', online: true, room: null })
  })

  it('offers room management to admins always, to members only when the team allows it, and never to guests', () => {
    const me = initialPresence('ada', 'Ada', 'web')
    const t = team()
    const managesRooms = (role: 'admin' | 'member' | 'guest') =>
      buildOfficeView({
        teamId: 't',
        team: t,
        me,
        myClientId: 1,
        states: new Map([[1, me]]),
        connection: { state: 'online', detail: null },
        lastAnswer: null,
        discussions: {},
        callActivity: { roomId: null, members: [] },
        role,
        now: 1_000,
      }).me.managesRooms
    expect([managesRooms('admin'), managesRooms('member'), managesRooms('guest')]).toEqual([true, false, false])
    t.meta.set('membersManageRooms', true)
    expect([managesRooms('admin'), managesRooms('member'), managesRooms('guest')]).toEqual([true, true, false])
  })

  it('shows a member with two devices where the call is', () => {
    const laptop = { clientId: 5, state: { ...initialPresence('ada', 'Ada', 'desktop'), room: 'a', mediaEpoch: 1 } }
    const phone = { clientId: 2, state: { ...initialPresence('ada', 'Ada', 'web'), room: 'b', mediaEpoch: 2 } }
    const idle = { clientId: 1, state: initialPresence('ada', 'Ada', 'web') }
    expect(pickDeviceState([laptop, phone, idle])?.room).toBe('b')
    expect(pickDeviceState([idle, laptop])?.room).toBe('a')
    expect(pickDeviceState([])).toBeNull()
  })
})

describe('call marks', () => {
  const activity = {
    roomId: 'a',
    members: [
      { userId: 'ada', speaking: false, quality: 'excellent' as const },
      { userId: 'bob', speaking: true, quality: 'poor' as const },
    ],
  }

  it('shows who speaks and how each link holds in the call I hold', () => {
    expect(callMarksOf(activity, 'a', true)).toEqual({ ada: { speaking: false, quality: 'excellent' }, bob: { speaking: true, quality: 'poor' } })
  })

  it('shows nothing from a report about a room I left, or while my other device holds the call', () => {
    expect(callMarksOf(activity, 'b', true)).toEqual({})
    expect(callMarksOf(activity, null, true)).toEqual({})
    expect(callMarksOf(activity, 'a', false)).toEqual({})
    expect(callMarksOf({ roomId: null, members: [] }, 'a', true)).toEqual({})
  })
})
