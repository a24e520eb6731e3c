import { mapAt } from './doc-read'
import { ModelError } from './errors'
import { floorNameSchema, roomFieldsSchema, roomNameSchema } from './field-schemas'
import { DEFAULT_FLOOR, type RoomFields } from './schema'
import type { TeamDoc } from './team-doc'

function roomMap(team: TeamDoc, id: string) {
  const map = mapAt(team.rooms, id)
  if (!map) throw new ModelError('That room no longer exists.')
  return map
}

/** Room edits write one field each, so concurrent edits of different fields both survive. */
export function createRoom(team: TeamDoc, id: string, fields: Omit<RoomFields, 'order'> & { order?: number }): void {
  const order = fields.order ?? nextOrder(team)
  team.addRoom(id, roomFieldsSchema.parse({ ...fields, order, floor: fields.floor ?? DEFAULT_FLOOR }))
}

export function renameRoom(team: TeamDoc, id: string, name: string): void {
  roomMap(team, id).set('name', roomNameSchema.parse(name))
}

/** Moves a room to a floor; a floor exists while a room is on it. */
export function setRoomFloor(team: TeamDoc, id: string, floor: string): void {
  roomMap(team, id).set('floor', floorNameSchema.parse(floor))
}

/** The rooms on a floor as readers see it: a room with no (valid) floor is on the default floor. */
export function roomsOnFloor(team: TeamDoc, floor: string): string[] {
  return team.roomIds().filter((id) => team.room(id)?.floor === floor)
}

/** Renames a floor by moving every room on it, in one transaction. */
export function renameFloor(team: TeamDoc, from: string, to: string): void {
  const name = floorNameSchema.parse(to)
  const ids = roomsOnFloor(team, from)
  if (ids.length === 0) throw new ModelError(`There is no floor named ${from}.`)
  if (name !== from && roomsOnFloor(team, name).length > 0) throw new ModelError(`There is already a floor named ${name}.`)
  team.doc.transact(() => ids.forEach((id) => roomMap(team, id).set('floor', name)))
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
