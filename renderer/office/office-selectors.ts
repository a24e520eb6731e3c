import type { MemberView, OfficeView, RoomView } from '../../shared/contract/view'
import type { NoticeTone } from '../ui/notice-stack'

// One collator for every comparison: localeCompare looks one up per call, which a thousand-name sort feels.
const collator = new Intl.Collator()

/** People's order in every list: by name, then id. */
export function compareByName(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return collator.compare(a.name, b.name) || collator.compare(a.id, b.id)
}

/** Where in a list sorted by name (compareByName) an entry goes: after its equals. */
export function insertionPointByName<T extends { name: string; id: string }>(list: readonly T[], entry: T): number {
  let low = 0
  let high = list.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (compareByName(list[middle]!, entry) <= 0) low = middle + 1
    else high = middle
  }
  return low
}

/**
 * Every value of a record by its key list: on the view's reactive store, Object.values asks for
 * a property descriptor per key (a wrapper each), which at a thousand members costs the first paint.
 */
function valuesOf<T>(record: Record<string, T>): T[] {
  const values: T[] = []
  for (const key of Reflect.ownKeys(record)) if (typeof key === 'string') values.push(record[key]!)
  return values
}

/** Rooms as the team arranged them (`order`), ties broken by name so the grid never shuffles. */
export function roomsInOrder(view: OfficeView): RoomView[] {
  return valuesOf(view.rooms).sort((a, b) => a.order - b.order || collator.compare(a.name, b.name) || collator.compare(a.id, b.id))
}

export function occupantsOf(view: OfficeView, room: RoomView): MemberView[] {
  return room.occupants.flatMap((id) => view.members[id] ?? [])
}

/** Who is knocking on this room's door, first knock first (the core fills this for my room only). */
export function knockersOf(view: OfficeView, room: RoomView): MemberView[] {
  return room.knocks.flatMap((knock) => view.members[knock.user] ?? [])
}


/** What to tell me about the last answer to my knock or invitation. */
export function answerNotice(view: OfficeView): { text: string; tone: NoticeTone } | null {
  const answer = view.me.lastAnswer
  if (!answer) return null
  const roomName = view.rooms[answer.room]?.name ?? 'the room'
  const by = view.members[answer.by]?.name ?? 'Someone'
  switch (answer.kind) {
    case 'knock':
      return answer.admit
        ? { text: `${by} let you in to ${roomName}.`, tone: 'info' }
        : { text: `Your knock was declined. Try ${roomName} again later.`, tone: 'error' }
    case 'pull':
      return answer.admit
        ? { text: `${by} accepted your invitation to ${roomName}.`, tone: 'info' }
        : { text: `${by} declined your invitation to ${roomName}.`, tone: 'error' }
    case 'pullExpired':
      return { text: `${by} did not answer your invitation to ${roomName} in time. Invite them again if you still need them.`, tone: 'error' }
    case 'expired':
      return { text: `Nobody answered your knock on ${roomName}. Try again later.`, tone: 'error' }
    case 'locked':
      return { text: `The door was locked as you came in. Ask someone in ${roomName} to open it.`, tone: 'error' }
  }
}

/** I can invite someone into my room when I am in one and they are online somewhere else. */
export function canInvite(view: OfficeView, member: MemberView): boolean {
  const room = view.me.room === null ? undefined : view.rooms[view.me.room]
  // Nobody can walk into a locked room, so an invitation into one could only fail.
  return room !== undefined && room.door !== 'locked' && member.online && member.id !== view.me.userId && member.room !== room.id
}

export { openPulls, pullKey, type Pull } from '../../shared/contract/open-pulls'

export type ProfileFields = Pick<MemberView, 'name' | 'avatar' | 'title' | 'timezone'>

/** Only the profile fields that changed (trimmed), so two devices editing different fields both win. */
export function profilePatch(before: ProfileFields, form: ProfileFields): Partial<ProfileFields> {
  const patch: Partial<ProfileFields> = {}
  for (const key of ['name', 'avatar', 'title', 'timezone'] as const) {
    const value = form[key].trim()
    if (value !== before[key]) patch[key] = value
  }
  return patch
}

/** What finding someone does: walk into their room, knock on its door, or show their card. */
export type PersonAction = { kind: 'enter'; roomId: string } | { kind: 'knock'; roomId: string } | { kind: 'card' }

/**
 * Someone in another room: walk in when the door is open, else knock (the core explains a locked
 * door). Someone in the hallway, offline, in my room, or me: their card.
 */
export function personAction(view: OfficeView, member: MemberView): PersonAction {
  const room = member.online && member.room !== null ? view.rooms[member.room] : undefined
  if (!room || room.id === view.me.room || member.id === view.me.userId) return { kind: 'card' }
  return room.door === 'open' ? { kind: 'enter', roomId: room.id } : { kind: 'knock', roomId: room.id }
}

/** "In Kitchen", "In the hallway", "Offline". */
export function whereabouts(view: OfficeView, member: MemberView): string {
  if (!member.online) return 'Offline'
  const room = member.room === null ? undefined : view.rooms[member.room]
  return room ? `In ${room.name}` : 'In the hallway'
}
