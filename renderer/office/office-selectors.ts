import type { MemberView, OfficeView, RoomView } from '../../shared/contract/view'

const byName = (a: MemberView, b: MemberView) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)

/** Rooms as the team arranged them (`order`), ties broken by name so the grid never shuffles. */
export function roomsInOrder(view: OfficeView): RoomView[] {
  return Object.values(view.rooms).sort((a, b) => a.order - b.order || a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
}

export function occupantsOf(view: OfficeView, room: RoomView): MemberView[] {
  return room.occupants.flatMap((id) => view.members[id] ?? [])
}

/** Who is knocking on this room's door, first knock first (the core fills this for my room only). */
export function knockersOf(view: OfficeView, room: RoomView): MemberView[] {
  return room.knocks.flatMap((knock) => view.members[knock.user] ?? [])
}

/** What to tell me when my knock was turned away or went unanswered; null when I was let in. */
export function answerNotice(view: OfficeView): string | null {
  const answer = view.me.lastAnswer
  if (!answer || answer.admit) return null
  const room = view.rooms[answer.room]?.name ?? 'the room'
  const by = view.members[answer.by]?.name
  return by ? `${by} can't let you into ${room} right now. Try again later.` : `Nobody answered your knock on ${room}. Try again later.`
}

/** Online but in no room. */
export function hallwayMembers(view: OfficeView): MemberView[] {
  return Object.values(view.members).filter((m) => m.online && m.room === null).sort(byName)
}

export function offlineMembers(view: OfficeView): MemberView[] {
  return Object.values(view.members).filter((m) => !m.online).sort(byName)
}
