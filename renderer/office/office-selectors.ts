import type { MemberView, OfficeView, RoomView } from '../../shared/contract/view'

const byName = (a: MemberView, b: MemberView) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)

/** Rooms as the team arranged them (`order`), ties broken by name so the grid never shuffles. */
export function roomsInOrder(view: OfficeView): RoomView[] {
  return Object.values(view.rooms).sort((a, b) => a.order - b.order || a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
}

export function occupantsOf(view: OfficeView, room: RoomView): MemberView[] {
  return room.occupants.flatMap((id) => view.members[id] ?? [])
}

/** Online but in no room. */
export function hallwayMembers(view: OfficeView): MemberView[] {
  return Object.values(view.members).filter((m) => m.online && m.room === null).sort(byName)
}

export function offlineMembers(view: OfficeView): MemberView[] {
  return Object.values(view.members).filter((m) => !m.online).sort(byName)
}
