import { ByteReader, ByteWriter, WireError } from './wire-bytes'

/**
 * A presence delta: a y-websocket message (type 100; the stock protocol uses 0–3) carrying, for
 * one or more awareness client ids, the new clock and only the fields that changed since an
 * earlier clock. A connection asks for them with `?presence=delta`; the server sends them to such
 * connections only, and keeps serving the standard awareness message to every other client.
 *
 *   message := varuint 100, varuint count ≥ 1, delta × count (each for another client id)
 *   delta   := varuint clientId, varuint clock, varuint steps (1..clock: the clock it builds on is
 *              clock − steps), varuint changeCount ≥ 1, change × changeCount
 *   change  := varuint key (an index into PRESENCE_KEYS, or PRESENCE_KEYS.length then a string:
 *              any other key), then one tag byte and its value (ValueTag)
 */
export const PRESENCE_DELTA_MESSAGE = 100

/** How a connection announces that it reads presence deltas: `?presence=delta` on its URL. */
export const PRESENCE_DELTA_PARAM = { name: 'presence', value: 'delta' } as const

/** The presence fields, most often changed first: each is one byte on the wire. */
export const PRESENCE_KEYS = ['mic', 'room', 'cam', 'screen', 'idleSince', 'mediaEpoch', 'knock', 'pull', 'replies', 'user', 'name', 'device'] as const

const OTHER_KEY = PRESENCE_KEYS.length

const ValueTag = { removed: 0, null: 1, false: 2, true: 3, integer: 4, float: 5, string: 6, json: 7 } as const

/** What JSON.parse can return. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

/** One changed field; `value` undefined: the state no longer has the key. */
export interface FieldChange {
  key: string
  value: JsonValue | undefined
}

export interface PresenceDelta {
  clientId: number
  clock: number
  /** How far the clock moved: the delta applies to the state held at `clock - steps`. */
  steps: number
  changes: FieldChange[]
}

export type DecodedDeltas = { ok: true; deltas: PresenceDelta[] } | { ok: false; error: string }

/**
 * Values nest at most this deep, so that a state built from them stays within the 32 levels the
 * server allows any awareness state (re-encoding deeper ones overflows the stack).
 */
const MAX_VALUE_DEPTH = 30

export function encodePresenceDeltas(deltas: readonly PresenceDelta[]): Uint8Array {
  const writer = new ByteWriter()
  writer.varUint(PRESENCE_DELTA_MESSAGE)
  writer.varUint(deltas.length)
  for (const { clientId, clock, steps, changes } of deltas) {
    writer.varUint(clientId)
    writer.varUint(clock)
    writer.varUint(steps)
    writer.varUint(changes.length)
    for (const change of changes) writeChange(writer, change)
  }
  return writer.bytes()
}

/** Total: any bytes give the deltas they hold, or a refusal saying why. */
export function decodePresenceDeltas(message: Uint8Array): DecodedDeltas {
  try {
    const reader = new ByteReader(message)
    if (reader.varUint() !== PRESENCE_DELTA_MESSAGE) throw new WireError('not a presence delta message')
    const count = reader.varUint()
    if (count === 0) throw new WireError('a presence delta message names at least one client')
    const deltas: PresenceDelta[] = []
    const clients = new Set<number>()
    for (let i = 0; i < count; i++) {
      const delta = readDelta(reader)
      // One delta per client: a second would build on a clock the first already moved.
      if (clients.has(delta.clientId)) throw new WireError(`client ${delta.clientId} named twice in one message`)
      clients.add(delta.clientId)
      deltas.push(delta)
    }
    if (!reader.done) throw new WireError('bytes after the last delta')
    return { ok: true, deltas }
  } catch (error) {
    if (error instanceof WireError) return { ok: false, error: error.message }
    throw error
  }
}

/**
 * The fields that differ between two states as their JSON encodings see them (what the standard
 * awareness message would carry); null if the change cannot be a delta (not two objects).
 */
export function diffPresence(before: unknown, after: unknown): FieldChange[] | null {
  if (!isPlainObject(before) || !isPlainObject(after)) return null
  const was = JSON.parse(JSON.stringify(before)) as Record<string, JsonValue>
  const now = JSON.parse(JSON.stringify(after)) as Record<string, JsonValue>
  const changes: FieldChange[] = []
  for (const key of Object.keys(now)) {
    if (key === '__proto__') return null
    if (!Object.hasOwn(was, key) || JSON.stringify(was[key]) !== JSON.stringify(now[key])) changes.push({ key, value: now[key] })
  }
  for (const key of Object.keys(was)) if (!Object.hasOwn(now, key)) changes.push({ key, value: undefined })
  return changes
}

/** The state with the changes applied; the input is left as it was. */
export function applyPresenceChanges(state: Readonly<Record<string, unknown>>, changes: readonly FieldChange[]): Record<string, unknown> {
  const next: Record<string, unknown> = { ...state }
  for (const { key, value } of changes) {
    if (value === undefined) delete next[key]
    else next[key] = value
  }
  return next
}

function readDelta(reader: ByteReader): PresenceDelta {
  const clientId = reader.varUint()
  const clock = reader.varUint()
  const steps = reader.varUint()
  if (steps < 1 || steps > clock) throw new WireError('a delta moves its clock forward from a clock ≥ 0')
  const count = reader.varUint()
  if (count === 0) throw new WireError('a delta changes at least one field')
  const changes: FieldChange[] = []
  const seen = new Set<string>()
  for (let i = 0; i < count; i++) {
    const change = readChange(reader)
    if (seen.has(change.key)) throw new WireError(`field ${change.key} changed twice in one delta`)
    seen.add(change.key)
    changes.push(change)
  }
  return { clientId, clock, steps, changes }
}

function writeChange(writer: ByteWriter, { key, value }: FieldChange): void {
  const known = (PRESENCE_KEYS as readonly string[]).indexOf(key)
  if (known >= 0) writer.varUint(known)
  else {
    writer.varUint(OTHER_KEY)
    writer.string(key)
  }
  if (value === undefined) writer.byte(ValueTag.removed)
  else if (value === null) writer.byte(ValueTag.null)
  else if (typeof value === 'boolean') writer.byte(value ? ValueTag.true : ValueTag.false)
  else if (typeof value === 'number') writeNumber(writer, value)
  else if (typeof value === 'string') {
    writer.byte(ValueTag.string)
    writer.string(value)
  } else {
    writer.byte(ValueTag.json)
    writer.string(JSON.stringify(value))
  }
}

function writeNumber(writer: ByteWriter, value: number): void {
  // As JSON would carry it: no -0, no NaN or infinities.
  if (!Number.isFinite(value)) return writer.byte(ValueTag.null)
  if (Number.isSafeInteger(value)) {
    writer.byte(ValueTag.integer)
    return writer.varInt(value === 0 ? 0 : value)
  }
  writer.byte(ValueTag.float)
  writer.float64(value)
}

function readChange(reader: ByteReader): FieldChange {
  const index = reader.varUint()
  if (index > OTHER_KEY) throw new WireError(`unknown field number ${index}`)
  const key = index < OTHER_KEY ? PRESENCE_KEYS[index]! : reader.string()
  if (index === OTHER_KEY && ((PRESENCE_KEYS as readonly string[]).includes(key) || key === '__proto__')) {
    throw new WireError(`field ${key} spelled out where it has a number, or not allowed`)
  }
  return { key, value: readValue(reader) }
}

function readValue(reader: ByteReader): JsonValue | undefined {
  const tag = reader.byte()
  switch (tag) {
    case ValueTag.removed:
      return undefined
    case ValueTag.null:
      return null
    case ValueTag.false:
      return false
    case ValueTag.true:
      return true
    case ValueTag.integer:
      return reader.varInt() || 0
    case ValueTag.float: {
      const value = reader.float64()
      if (!Number.isFinite(value) || Number.isSafeInteger(value)) throw new WireError('a float field holds a finite non-integer')
      return value
    }
    case ValueTag.string:
      return reader.string()
    case ValueTag.json:
      return readJson(reader.string())
    default:
      throw new WireError(`unknown value tag ${tag}`)
  }
}

function readJson(text: string): JsonValue {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new WireError('a JSON field does not parse')
  }
  if (typeof value !== 'object' || value === null) throw new WireError('a JSON field holds an object or array')
  if (!nestedAtMost(value, MAX_VALUE_DEPTH)) throw new WireError('a JSON field nests too deeply')
  return value as JsonValue
}

function nestedAtMost(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return true
  if (depth === 0) return false
  for (const child of Object.values(value)) if (!nestedAtMost(child, depth - 1)) return false
  return true
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
