import { describe, expect, it } from 'vitest'
import type { MemberView, OfficeView, RoomView } from '../../shared/contract/view'
import {
  answerNotice,
  canInvite,
  knockersOf,
  occupantsOf,
  openPulls,
  personAction,
  profilePatch,
  pullKey,
  roomsInOrder,
  whereabouts,
} from './office-selectors'

const room = (id: string, order: number, extra: Partial<RoomView> = {}) =>
  ({ id, name: id, kind: 'open', door: 'open', capacity: 0, order, occupants: [], knocks: [], ...extra }) as RoomView
const member = (id: string, name: string, online: boolean, roomId: string | null = null) =>
  ({ id, name, avatar: 'sprite:0', online, room: roomId }) as MemberView

// Only the fields the selectors read.
const view = {
  rooms: {
    b: room('b', 1),
    a: room('a', 1, { occupants: ['ada'], knocks: [{ user: 'cy', at: 5 }] }),
    z: room('z', 0),
  },
  members: {
    ada: member('ada', 'Ada', true, 'a'),
    bob: member('bob', 'Bob', true),
    cy: member('cy', 'Cy', true),
    dee: member('dee', 'Dee', false),
    abe: member('abe', 'Abe', false),
  },
  me: { lastAnswer: null },
} as unknown as OfficeView

describe('office selectors', () => {
  it('orders rooms by order, then name', () => {
    expect(roomsInOrder(view).map((r) => r.id)).toEqual(['z', 'a', 'b'])
  })

  it("names a room's occupants and knockers", () => {
    expect(occupantsOf(view, view.rooms.a!).map((m) => m.id)).toEqual(['ada'])
    expect(knockersOf(view, view.rooms.a!).map((m) => m.id)).toEqual(['cy'])
  })

  it('explains every answer: let in, declined, unanswered, locked as I came in, invitation answered or unanswered', () => {
    const answered = (kind: string, by: string, admit: boolean) =>
      ({ ...view, rooms: { ...view.rooms, a: { ...view.rooms.a!, name: 'Kitchen' } }, me: { lastAnswer: { kind, by, room: 'a', admit, at: 1 } } }) as unknown as OfficeView
    expect(answerNotice(answered('knock', 'ada', true))).toEqual({ text: 'Ada let you in to Kitchen.', tone: 'info' })
    expect(answerNotice(answered('knock', 'ada', false))).toEqual({ text: 'Your knock was declined. Try Kitchen again later.', tone: 'error' })
    expect(answerNotice(answered('expired', '', false))?.text).toBe('Nobody answered your knock on Kitchen. Try again later.')
    expect(answerNotice(answered('locked', '', false))?.text).toBe('The door was locked as you came in. Ask someone in Kitchen to open it.')
    expect(answerNotice(answered('pull', 'ada', true))?.text).toBe('Ada accepted your invitation to Kitchen.')
    // Hallway has no direct messages, so a decline says only what happened.
    expect(answerNotice(answered('pull', 'ada', false))).toEqual({ text: 'Ada declined your invitation to Kitchen.', tone: 'error' })
    expect(answerNotice(answered('pullExpired', 'ada', false))?.text).toBe(
      'Ada did not answer your invitation to Kitchen in time. Invite them again if you still need them.',
    )
    expect(answerNotice(view)).toBeNull()
  })

  it('offers invitations only from a room, to people online elsewhere', () => {
    const inRoom = { ...view, me: { ...view.me, userId: 'ada', room: 'a' } } as unknown as OfficeView
    expect(canInvite(inRoom, view.members.bob!)).toBe(true)
    expect(canInvite(inRoom, view.members.ada!)).toBe(false)
    expect(canInvite(inRoom, view.members.dee!)).toBe(false)
    const inHallway = { ...view, me: { ...view.me, userId: 'bob', room: null } } as unknown as OfficeView
    expect(canInvite(inHallway, view.members.cy!)).toBe(false)
  })

  it('shows each open invitation once: newest per person, not answered, not into my room', () => {
    const pulls = [
      { from: 'ada', room: 'a', at: 1 },
      { from: 'ada', room: 'b', at: 3 },
      { from: 'cy', room: 'z', at: 2 },
      { from: 'dee', room: 'gone', at: 4 },
    ]
    const withPulls = (room: string | null) => ({ ...view, me: { ...view.me, room, pulls } }) as unknown as OfficeView
    expect(openPulls(withPulls(null), new Set())).toEqual([pulls[2], pulls[1]])
    expect(openPulls(withPulls('b'), new Set(['cy@2']))).toEqual([])
    expect(pullKey(pulls[0]!)).toBe('ada@1')
  })

  it('patches only the profile fields that changed, trimmed', () => {
    const before = { name: 'Ada', avatar: 'sprite:1', title: '', timezone: 'Europe/London' }
    expect(profilePatch(before, { ...before })).toEqual({})
    expect(profilePatch(before, { ...before, name: ' Ada L ', title: 'Engineer', avatar: 'sprite:7' })).toEqual({
      name: 'Ada L',
      title: 'Engineer',
      avatar: 'sprite:7',
    })
  })

  it('finding someone walks through an open door, knocks on a closed or locked one, and shows the card otherwise', () => {
    const doors = {
      ...view,
      rooms: { ...view.rooms, b: room('b', 1, { door: 'closed', name: 'Den' }), z: room('z', 0, { door: 'locked' }) },
      members: { ...view.members, eve: member('eve', 'Eve', true, 'b'), fay: member('fay', 'Fay', true, 'z'), gus: member('gus', 'Gus', false, 'a') },
      me: { ...view.me, userId: 'bob', room: null },
    } as unknown as OfficeView
    expect(personAction(doors, doors.members.ada!)).toEqual({ kind: 'enter', roomId: 'a' })
    expect(personAction(doors, doors.members.eve!)).toEqual({ kind: 'knock', roomId: 'b' })
    expect(personAction(doors, doors.members.fay!)).toEqual({ kind: 'knock', roomId: 'z' })
    expect(personAction(doors, doors.members.cy!)).toEqual({ kind: 'card' })
    expect(personAction(doors, doors.members.gus!)).toEqual({ kind: 'card' })
    expect(personAction(doors, doors.members.bob!)).toEqual({ kind: 'card' })
    const inA = { ...doors, me: { ...doors.me, room: 'a' } } as unknown as OfficeView
    expect(personAction(inA, doors.members.ada!)).toEqual({ kind: 'card' })

    expect(whereabouts(doors, doors.members.eve!)).toBe('In Den')
    expect(whereabouts(doors, doors.members.cy!)).toBe('In the hallway')
    expect(whereabouts(doors, doors.members.gus!)).toBe('Offline')
  })
})
