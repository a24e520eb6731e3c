import { z } from 'zod'
import { mapAt } from './doc-read'
import { ModelError } from './errors'
import { Limits } from './limits'
import { doorStateSchema, roomKindSchema, type RoomFields } from './schema'
import type { TeamDoc } from './team-doc'

export const roomNameSchema = z.string().trim().min(1, 'A room needs a name.').max(Limits.roomName, `Room names are at most ${Limits.roomName} characters.`)
export const roomFieldsSchema = z.object({
  name: roomNameSchema,
  kind: roomKindSchema,
  door: doorStateSchema,
  capacity: z.number().int().min(0).max(Limits.roomCapacity),
  order: z.number().finite(),
})

function roomMap(team: TeamDoc, id: string) {
  const map = mapAt(team.rooms, id)
  if (!map) throw new ModelError('That room no longer exists.')
  return map
}

/** Room edits write one field each, so concurrent edits of different fields both survive. */
export function createRoom(team: TeamDoc, id: string, fields: Omit<RoomFields, 'order'> & { order?: number }): void {
  const order = fields.order ?? nextOrder(team)
  team.addRoom(id, roomFieldsSchema.parse({ ...fields, order }))
}

export function renameRoom(team: TeamDoc, id: string, name: string): void {
  roomMap(team, id).set('name', roomNameSchema.parse(name))
}

export function setRoomField(team: TeamDoc, id: string, field: 'door' | 'kind' | 'capacity', value: unknown): void {
  const parsed = roomFieldsSchema.shape[field].parse(value)
  roomMap(team, id).set(field, parsed)
}

/** Gives the listed rooms orders 0..n-1 in one transaction; unlisted rooms keep theirs after them. */
export function reorderRooms(team: TeamDoc, ids: readonly string[]): void {
  for (const id of ids) roomMap(team, id)
  team.doc.transact(() => ids.forEach((id, index) => roomMap(team, id).set('order', index)))
}

/**
 * Locks a room with the people inside it as its insiders, in one transaction. Anyone found in a
 * locked room who is not an insider walked in concurrently with the lock, and leaves.
 */
export function lockRoom(team: TeamDoc, id: string, insiders: readonly string[]): void {
  const map = roomMap(team, id)
  team.doc.transact(() => {
    map.set('door', 'locked')
    map.set('insiders', [...insiders].sort())
  })
}

export function insidersOf(team: TeamDoc, id: string): string[] {
  const room = mapAt(team.rooms, id)
  const insiders = room ? room.get('insiders') : null
  return Array.isArray(insiders) ? insiders.filter((v): v is string => typeof v === 'string') : []
}

export function deleteRoom(team: TeamDoc, id: string): void {
  roomMap(team, id)
  team.rooms.delete(id)
}

function nextOrder(team: TeamDoc): number {
  let max = -1
  for (const id of team.roomIds()) max = Math.max(max, team.room(id)?.order ?? 0)
  return max + 1
}
