import type { ConnectionState, OfficeView, RoomView } from '../../shared/contract/view'
import { roomsInOrder } from './office-selectors'

export interface FloorSummary {
  name: string
  /** People in the floor's rooms (the hallway belongs to no floor: see `OnlineTally`). */
  inRooms: number
  rooms: number
  /** Messages I have not seen in the discussions of its rooms. */
  unread: number
}

/** Everyone online, and how many of them stand in the hallway rather than in some floor's room (kept by people-lists.ts). */
export interface OnlineTally {
  online: number
  /** Online and in no room, so on no floor: with the floors' counts, this adds up to `online`. */
  inHallway: number
}

/** Floors in the order their first room has in the team's arrangement, with who is on each. */
export function floorsOf(view: OfficeView): FloorSummary[] {
  const floors = new Map<string, FloorSummary>()
  for (const room of roomsInOrder(view)) {
    const floor = floors.get(room.floor) ?? { name: room.floor, inRooms: 0, rooms: 0, unread: 0 }
    floor.inRooms += room.occupants.length
    floor.unread += room.unread
    floor.rooms += 1
    floors.set(room.floor, floor)
  }
  return [...floors.values()]
}

/**
 * The tally's words: "3 online · 1 in the hallway". Away from the server the count is only what this
 * device last heard, and says so ("Last seen 3 online").
 */
export function tallyText({ online, inHallway }: OnlineTally, connection: ConnectionState): string {
  const counts = inHallway > 0 ? `${online} online · ${inHallway} in the hallway` : `${online} online`
  return connection === 'online' ? counts : `Last seen ${counts}`
}

/** The floor shown: the one asked for while it still has rooms, else mine, else the first. */
export function shownFloor(view: OfficeView, asked: string | null): string | null {
  const names = floorsOf(view).map((floor) => floor.name)
  if (asked !== null && names.includes(asked)) return asked
  const mine = view.me.room === null ? undefined : view.rooms[view.me.room]?.floor
  return mine ?? names[0] ?? null
}

/** A floor's rooms, each group in the team's order: rooms with people (and mine) as cards, the rest as one line each. */
export function floorLayout(view: OfficeView, floor: string | null): { busy: RoomView[]; empty: RoomView[] } {
  const rooms = roomsInOrder(view).filter((room) => room.floor === floor)
  const isBusy = (room: RoomView) => room.occupants.length > 0 || room.id === view.me.room
  return { busy: rooms.filter(isBusy), empty: rooms.filter((room) => !isBusy(room)) }
}

/** How many grid columns a room card spans: enough for its faces to sit without scrolling. */
export function cardSpan(occupants: number): 1 | 2 | 3 {
  return occupants > 18 ? 3 : occupants > 6 ? 2 : 1
}
