// A whole office view's check, where the page reads one: the saved office on the reload path and each
// snapshot from the core (view-port.ts). The same rules as view.ts's zod schema (every field's type, the
// schema's enum values, nullables, unknown keys dropped, a record's "__proto__" skipped), written by hand:
// zod's walk of a 1,000-member office costs the first paint more than the paint's own script, and was a
// 20–70 ms task when the core's first snapshot arrived. office-view-check.test.ts holds it to agreeing
// with the zod schema on random and mutated input.
import { DOOR_STATES, ROOM_KINDS } from '../model/schema'
import type { MemberView, OfficeView } from './view'
import { FAIL, array, boolean, isObject, nullable, number, object, oneOf, record, string, type Check } from './value-checks'
import { ANSWER_KINDS, CONNECTION_STATES, DELIVERIES, LINK_QUALITIES } from './view-values'

const room = object<OfficeView['rooms'][string]>({
  id: string,
  name: string,
  kind: oneOf(...ROOM_KINDS),
  door: oneOf(...DOOR_STATES),
  capacity: number,
  order: number,
  floor: string,
  occupants: array(string),
  knocks: array(object({ user: string, at: number })),
  unread: number,
})

const memberStatus = nullable(object<NonNullable<MemberView['status']>>({ text: string, emoji: string, dnd: boolean, until: nullable(number) }))

/** Spelled out, not built from object(): a thousand members are most of the work, and fixed property reads are several times faster. */
const member: Check<MemberView> = (value) => {
  if (!isObject(value)) return FAIL
  const { id, name, avatar, online, room, mic, cam, screen, idle, title, timezone } = value
  if (typeof id !== 'string' || typeof name !== 'string' || typeof avatar !== 'string' || typeof title !== 'string' || typeof timezone !== 'string') return FAIL
  if (typeof online !== 'boolean' || typeof mic !== 'boolean' || typeof cam !== 'boolean' || typeof screen !== 'boolean' || typeof idle !== 'boolean') return FAIL
  if (room !== null && typeof room !== 'string') return FAIL
  const status = memberStatus(value.status)
  if (status === FAIL) return FAIL
  return { id, name, avatar, online, room, mic, cam, screen, idle, title, timezone, status }
}

const me = object<OfficeView['me']>({
  userId: string,
  room: nullable(string),
  mic: boolean,
  cam: boolean,
  screen: boolean,
  holdsMedia: boolean,
  managesRooms: boolean,
  callElsewhere: nullable(string),
  knock: nullable(object({ room: string, at: number })),
  pull: nullable(object({ to: string, room: string, at: number })),
  pulls: array(object({ from: string, room: string, at: number })),
  mentions: array(object({ room: string, by: string, seq: number, at: number })),
  lastAnswer: nullable(
    object({ kind: oneOf(...ANSWER_KINDS), by: string, room: string, admit: boolean, at: number }),
  ),
})

const message = object<OfficeView['discussions'][string]['messages'][number]>({
  id: string,
  author: string,
  text: string,
  at: number,
  edited: nullable(number),
  preview: nullable(object({ url: string, title: string, description: string, image: nullable(string), site: string })),
  mentions: array(string),
  delivery: oneOf(...DELIVERIES),
})

const officeView = object<OfficeView>({
  team: object({ id: string, name: string }),
  me,
  connection: object({ state: oneOf(...CONNECTION_STATES), detail: nullable(string) }),
  rooms: record(room),
  members: record(member),
  callMarks: record(object({ speaking: boolean, quality: oneOf(...LINK_QUALITIES) })),
  discussions: record(object({ messages: array(message) })),
})

/** What officeViewSchema.safeParse(value) gives on success (a copy with unknown keys dropped), or null where it fails. */
export function checkOfficeView(value: unknown): OfficeView | null {
  const checked = officeView(value)
  return checked === FAIL ? null : checked
}
