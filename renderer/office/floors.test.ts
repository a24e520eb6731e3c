import { describe, expect, it } from 'vitest'
import type { OfficeView, RoomView } from '../../shared/contract/view'
import { cardSpan, floorLayout, floorsOf, shownFloor, tallyText } from './floors'
import { PeopleIndex } from './people-index'

const room = (id: string, order: number, floor: string, occupants: string[] = [], unread = 0) =>
  ({ id, name: id.toUpperCase(), kind: 'open', door: 'open', capacity: 0, order, floor, occupants, knocks: [], unread }) as RoomView

// Only the fields the selectors read.
function office(myRoom: string | null): OfficeView {
  const rooms = [
    room('roof', 5, 'Roof', ['a', 'b', 'c']),
    room('lobby', 0, 'Main floor'),
    room('kitchen', 1, 'Main floor', ['d']),
    room('attic', 6, 'Roof', [], 2),
    room('den', 2, 'Main floor', [], 3),
  ]
  return { me: { room: myRoom }, rooms: Object.fromEntries(rooms.map((r) => [r.id, r])) } as unknown as OfficeView
}

describe('floors', () => {
  it('lists floors in the order of their first room, counting the people in their rooms and the unread messages', () => {
    expect(floorsOf(office(null))).toEqual([
      { name: 'Main floor', inRooms: 1, rooms: 3, unread: 3 },
      { name: 'Roof', inRooms: 3, rooms: 2, unread: 2 },
    ])
  })

  it('counts the hallway, which is on no floor, so the floors and the hallway add up to everyone online', () => {
    const member = (id: string, online: boolean, room: string | null) => ({ id, name: id, online, room })
    const members = [
      ...['a', 'b', 'c'].map((id) => member(id, true, 'roof')),
      member('d', true, 'kitchen'),
      member('e', true, null),
      member('f', true, null),
      member('g', false, null),
    ]
    const view = { ...office(null), members: Object.fromEntries(members.map((m) => [m.id, m])) } as unknown as OfficeView
    const people = new PeopleIndex()
    for (const m of members) people.place(m)
    const tally = { online: people.online, inHallway: people.hallway().length }
    expect(tally).toEqual({ online: 6, inHallway: 2 })
    const inRooms = floorsOf(view).reduce((sum, floor) => sum + floor.inRooms, 0)
    expect(inRooms + tally.inHallway).toBe(tally.online)
  })

  it('says the tally is the last one seen while not connected, and plain while online', () => {
    const tally = { online: 2, inHallway: 1 }
    expect(tallyText(tally, 'online')).toBe('2 online · 1 in the hallway')
    expect(tallyText({ online: 2, inHallway: 0 }, 'online')).toBe('2 online')
    for (const state of ['offline', 'connecting', 'denied'] as const) expect(tallyText(tally, state)).toBe('Last seen 2 online · 1 in the hallway')
  })

  it('shows the floor asked for while it exists, else the floor of my room, else the first', () => {
    expect(shownFloor(office('attic'), 'Main floor')).toBe('Main floor')
    expect(shownFloor(office('attic'), 'Gone')).toBe('Roof')
    expect(shownFloor(office(null), null)).toBe('Main floor')
    expect(shownFloor({ me: { room: null }, rooms: {} } as unknown as OfficeView, null)).toBeNull()
  })

  it("lays out a floor's busy rooms (and mine, even empty) as cards and its empty rooms as lines, in order", () => {
    const layout = floorLayout(office('den'), 'Main floor')
    expect(layout.busy.map((r) => r.id)).toEqual(['kitchen', 'den'])
    expect(layout.empty.map((r) => r.id)).toEqual(['lobby'])
    expect(floorLayout(office(null), 'Roof').empty.map((r) => r.id)).toEqual(['attic'])
  })

  it('grows a card with its occupants', () => {
    expect([1, 6, 7, 18, 19, 300].map(cardSpan)).toEqual([1, 1, 2, 2, 3, 3])
  })
})
