// A whole office view's check, where the page reads one: the saved office on the reload path and each
// snapshot from the core (view-port.ts). The same rules as view.ts's zod schema (every field's type, the
// schema's enum values, nullables, unknown keys dropped, a record's "__proto__" skipped), written by hand:
// zod's walk of a 1,000-member office costs the first paint more than the paint's own script, and was a
// 20–70 ms task when the core's first snapshot arrived. office-view-check.test.ts holds it to agreeing
// with the zod schema on random and mutated input.
import { doorStateSchema, roomKindSchema } from '../model/schema'
import type { MemberView, OfficeView } from './view'
import { ANSWER_KINDS, CONNECTION_STATES, DELIVERIES, LINK_QUALITIES } from './view-values'

/** Reads one value: its checked copy, or FAIL. */
type Check<T> = (value: unknown) => T | typeof FAIL
const FAIL = Symbol('fail')

const string: Check<string> = (value) => (typeof value === 'string' ? value : FAIL)
const number: Check<number> = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : FAIL)
const boolean: Check<boolean> = (value) => (typeof value === 'boolean' ? value : FAIL)

function oneOf<const T extends string>(...values: T[]): Check<T> {
  return (value) => (values.includes(value as T) ? (value as T) : FAIL)
}

function nullable<T>(check: Check<T>): Check<T | null> {
  return (value) => (value === null ? null : check(value))
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Only the listed keys, each checked; others are dropped. */
function object<T extends Record<string, unknown>>(shape: { [K in keyof T]: Check<T[K]> }): Check<T> {
  const keys = Object.keys(shape) as (keyof T & string)[]
  return (value) => {
    if (!isObject(value)) return FAIL
    const out = {} as T
    for (const key of keys) {
      const checked = shape[key](value[key])
      if (checked === FAIL) return FAIL
      out[key] = checked
    }
    return out
  }
}

function array<T>(check: Check<T>): Check<T[]> {
  return (value) => {
    if (!Array.isArray(value)) return FAIL
    const out: T[] = new Array(value.length)
    for (let i = 0; i < value.length; i++) {
      const checked = check(value[i])
      if (checked === FAIL) return FAIL
      out[i] = checked
    }
    return out
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (!isObject(value)) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/** Every own enumerable string key's value checked; "__proto__" is skipped, as zod does. */
function record<T>(check: Check<T>): Check<Record<string, T>> {
  return (value) => {
    if (!isPlainObject(value)) return FAIL
    const out: Record<string, T> = {}
    for (const key of Object.keys(value)) {
      if (key === '__proto__') continue
      const checked = check(value[key])
      if (checked === FAIL) return FAIL
      out[key] = checked
    }
    return out
  }
}

const room = object<OfficeView['rooms'][string]>({
  id: string,
  name: string,
  kind: oneOf(...roomKindSchema.options),
  door: oneOf(...doorStateSchema.options),
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
