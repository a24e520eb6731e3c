import { z } from 'zod'
import { Limits } from './limits'
import { messageFieldsSchema } from './message-fields'
import { profileFieldsSchema, roomFieldsSchema } from './field-schemas'
import { statusSchema } from './profiles'
import { TeamDocKeys, type Role } from './schema'
import { idSchema, roleSchema } from './value-schemas'

/**
 * Who may write what, for every path of the team and discussion documents. The core asks before
 * it writes; the server asks for every struct and deletion of every update before it is applied.
 * Anything not listed here is refused.
 */

/**
 * The value a write puts at a path: a nested shared type, a plain value, something the model never
 * holds, or `removed`: a value that arrives already deleted (a replica's overwritten history, sent
 * when it syncs after working offline). Writing it needs the right to set the key, nothing more.
 */
export type WriteValue =
  | { kind: 'map' }
  | { kind: 'array' }
  | { kind: 'value'; value: unknown }
  | { kind: 'removed' }
  | { kind: 'other'; what: string }

/**
 * `set`/`delete` a key of a map, `insert`/`remove` an element of the array at `path`.
 * `newParent`: the map holding the key was created by this same write (a room or message being made).
 */
export type WriteOp =
  | { action: 'set'; path: readonly string[]; value: WriteValue; newParent?: boolean }
  | { action: 'delete'; path: readonly string[] }
  | { action: 'insert'; path: readonly string[]; value: WriteValue }
  | { action: 'remove'; path: readonly string[] }

export interface Writer {
  userId: string
  role: Role
  /** The room the writer's presence is in now, as the server (or the core) knows it. */
  inRoom: string | null
}

export interface TeamRuleContext {
  /** meta.membersManageRooms: members (not guests) may create, edit and delete rooms. */
  membersManageRooms: boolean
  roomOccupied(roomId: string): boolean
  /** Whether the team has this room now: read markers exist only for real rooms. */
  roomExists(roomId: string): boolean
}

/** The message a discussion write touches: its author as stored (null if it has none yet). */
export interface MessageContext {
  author: string | null
}

export type RuleVerdict = { ok: true } | { ok: false; path: string; reason: string }

const OK: RuleVerdict = { ok: true }

function refuse(path: readonly string[], reason: string): RuleVerdict {
  return { ok: false, path: path.join('/'), reason }
}

const roomValueSchemas: Record<string, z.ZodTypeAny> = {
  ...roomFieldsSchema.shape,
  insiders: z.array(idSchema).max(Limits.roomInsiders),
}
const roomFieldVerbs: Record<string, string> = {
  name: 'rename rooms',
  kind: "change a room's kind",
  capacity: "change a room's capacity",
  order: 'reorder rooms',
  floor: 'move rooms between floors',
}
const profileValueSchemas: Record<string, z.ZodTypeAny> = profileFieldsSchema.shape
const statusValueSchemas: Record<string, z.ZodTypeAny> = statusSchema.shape
const messageValueSchemas: Record<string, z.ZodTypeAny> = messageFieldsSchema.shape
/** What an author may change in a message after posting it. */
const EDITABLE_MESSAGE_KEYS = new Set(['text', 'edited', 'preview'])

/** A plain value of the right type, enum and length for its key; nested shared types never fit a field. */
function checkValue(path: readonly string[], schema: z.ZodTypeAny, value: WriteValue): RuleVerdict {
  if (value.kind === 'removed') return OK
  if (value.kind !== 'value') return refuse(path, `must be a plain value, not ${describe(value)}`)
  const parsed = schema.safeParse(value.value)
  if (!parsed.success) return refuse(path, `bad value: ${parsed.error.issues[0]?.message ?? 'wrong type'}`)
  return OK
}

function describe(value: WriteValue): string {
  if (value.kind === 'value') return value.value === null ? 'null' : Array.isArray(value.value) ? 'a list' : `a ${typeof value.value}`
  if (value.kind === 'other') return value.what
  if (value.kind === 'removed') return 'a removal'
  return `a shared ${value.kind}`
}

function hasKey(table: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(table, key)
}

/** Whether someone of `role` may create, edit, move and delete rooms, under the team's setting. */
export function mayManageRooms(role: Role, membersManageRooms: boolean): boolean {
  return role === 'admin' || (role === 'member' && membersManageRooms)
}

function canManageRooms(writer: Writer, context: TeamRuleContext): boolean {
  return mayManageRooms(writer.role, context.membersManageRooms)
}

function managers(context: TeamRuleContext): string {
  return context.membersManageRooms ? 'admins and members' : 'admins'
}

/** A write to the team document (`meta`, `rooms`, `members`, `statuses`, `discussions`). */
export function checkTeamWrite(op: WriteOp, writer: Writer, context: TeamRuleContext): RuleVerdict {
  const { path } = op
  if (writer.role === 'guest') return refuse(path, 'guests may not change the team')
  if (op.action === 'insert' || op.action === 'remove') return refuse(path, 'not a list')
  const [root, id, key, ...deeper] = path
  if (deeper.length > 0 || root === undefined) return refuse(path, 'unknown key')
  switch (root) {
    case TeamDocKeys.meta:
      return refuse(path, 'team settings are written by the server only')
    case TeamDocKeys.rooms:
      if (id === undefined) return refuse(path, 'unknown key')
      return key === undefined ? checkRoom(op, id, writer, context) : checkRoomField(op, id, key, writer, context)
    case TeamDocKeys.members:
      if (id === undefined || key === undefined) return refuse(path, 'members are added and removed by the server only')
      return checkMemberField(op, id, key, writer)
    case TeamDocKeys.statuses:
      if (id === undefined || key === undefined) return refuse(path, 'statuses are created by the server only')
      if (id !== writer.userId) return refuse(path, "only its owner may change a member's status")
      if (op.action !== 'set') return refuse(path, 'status fields are set, not removed')
      if (!hasKey(statusValueSchemas, key)) return refuse(path, 'unknown key')
      return checkValue(path, statusValueSchemas[key]!, op.value)
    case TeamDocKeys.discussions:
      return refuse(path, 'discussion summaries are written by the server only')
    default:
      return refuse(path, 'unknown key')
  }
}

function checkRoom(op: Extract<WriteOp, { action: 'set' | 'delete' }>, roomId: string, writer: Writer, context: TeamRuleContext): RuleVerdict {
  const { path } = op
  if (op.action === 'delete') {
    if (!canManageRooms(writer, context)) return refuse(path, `only ${managers(context)} may delete rooms`)
    if (writer.role !== 'admin' && context.roomOccupied(roomId)) return refuse(path, 'only admins may delete a room with people in it')
    return OK
  }
  if (!canManageRooms(writer, context)) return refuse(path, `only ${managers(context)} may create rooms`)
  if (!idSchema.safeParse(roomId).success) return refuse(path, 'a room id is 1 to 64 of A-Z a-z 0-9 _ -')
  if (op.value.kind !== 'map' && op.value.kind !== 'removed') return refuse(path, `a room must be a shared map, not ${describe(op.value)}`)
  return OK
}

function checkRoomField(op: Extract<WriteOp, { action: 'set' | 'delete' }>, roomId: string, key: string, writer: Writer, context: TeamRuleContext): RuleVerdict {
  const { path } = op
  if (op.action === 'delete') return refuse(path, 'room fields are set, not removed')
  if (!hasKey(roomValueSchemas, key)) return refuse(path, 'unknown key')
  const creating = op.newParent === true && canManageRooms(writer, context)
  if (key === 'door' || key === 'insiders') {
    if (!creating && writer.role !== 'admin' && writer.inRoom !== roomId) return refuse(path, "only someone in the room or an admin may change its door")
  } else if (!creating && !canManageRooms(writer, context)) {
    return refuse(path, `only ${managers(context)} may ${roomFieldVerbs[key]}`)
  }
  return checkValue(path, roomValueSchemas[key]!, op.value)
}

function checkMemberField(op: Extract<WriteOp, { action: 'set' | 'delete' }>, userId: string, key: string, writer: Writer): RuleVerdict {
  const { path } = op
  if (op.action === 'delete') return refuse(path, 'profile fields are set, not removed')
  if (key === 'role') {
    if (writer.role !== 'admin') return refuse(path, 'only admins may change roles')
    return checkValue(path, roleSchema, op.value)
  }
  if (!hasKey(profileValueSchemas, key)) return refuse(path, 'unknown key')
  if (userId !== writer.userId) return refuse(path, "only its owner may change a member's profile")
  return checkValue(path, profileValueSchemas[key]!, op.value)
}

/**
 * A write to a discussion document: `messages` is a list of message maps. Element paths are
 * `['messages', <ref>, <key>]`, where ref names the message (its id, or any stable handle).
 * `message` is the message the write touches (null when inserting one, or when it was made by
 * this same write: then `op.newParent` is true).
 */
export function checkDiscussionWrite(op: WriteOp, writer: Writer, message: MessageContext | null): RuleVerdict {
  const { path } = op
  if (writer.role === 'guest') return refuse(path, 'guests may not post or change messages')
  const [root, ref, key, ...deeper] = path
  if (root !== 'messages' || deeper.length > 0) return refuse(path, 'unknown key')
  if (ref === undefined) {
    if (op.action === 'insert') return op.value.kind === 'map' ? OK : refuse(path, `a message must be a shared map, not ${describe(op.value)}`)
    if (op.action === 'remove') {
      if (writer.role === 'admin' || message?.author === writer.userId) return OK
      return refuse(path, 'only its author or an admin may delete a message')
    }
    return refuse(path, 'messages is a list')
  }
  if (key === undefined || op.action === 'insert' || op.action === 'remove') return refuse(path, 'a message is a map')
  if (op.action === 'delete') return refuse(path, 'message fields are set, not removed')
  if (!hasKey(messageValueSchemas, key)) return refuse(path, 'unknown key')
  if (op.newParent === true) {
    if (key === 'author' && !(op.value.kind === 'value' && op.value.value === writer.userId) && op.value.kind !== 'removed') return refuse(path, 'a message is posted by its writer only')
  } else {
    if (message?.author !== writer.userId) return refuse(path, 'only its author may edit a message')
    if (!EDITABLE_MESSAGE_KEYS.has(key)) return refuse(path, `a message's ${key} does not change after posting`)
  }
  return checkValue(path, messageValueSchemas[key]!, op.value)
}
