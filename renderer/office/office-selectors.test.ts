import { describe, expect, it } from 'vitest'
import type { MemberView, OfficeView, RoomView } from '../../shared/contract/view'
import { answerNotice, hallwayMembers, knockersOf, occupantsOf, offlineMembers, roomsInOrder } from './office-selectors'

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

  it('splits people into rooms, the hallway and offline', () => {
    expect(occupantsOf(view, view.rooms.a!).map((m) => m.id)).toEqual(['ada'])
    expect(knockersOf(view, view.rooms.a!).map((m) => m.id)).toEqual(['cy'])
    expect(hallwayMembers(view).map((m) => m.id)).toEqual(['bob', 'cy'])
    expect(offlineMembers(view).map((m) => m.id)).toEqual(['abe', 'dee'])
  })

  it('explains a turned-away or unanswered knock, and stays quiet when let in', () => {
    const answered = (by: string, admit: boolean) => ({ ...view, me: { lastAnswer: { by, room: 'a', admit, at: 1 } } }) as unknown as OfficeView
    expect(answerNotice(answered('ada', false))).toBe("Ada can't let you into a right now. Try again later.")
    expect(answerNotice(answered('', false))).toBe('Nobody answered your knock on a. Try again later.')
    expect(answerNotice(answered('ada', true))).toBeNull()
    expect(answerNotice(view)).toBeNull()
  })
})
