import * as Y from 'yjs'
import { fieldOf, mapAt, mapEntries } from './doc-read'
import { profileFieldsSchema, roomFieldsSchema } from './field-schemas'
import {
  DEFAULT_FLOOR,
  MetaKeys,
  SCHEMA_VERSION,
  TeamDocKeys,
  defaultAvatarFor,
  type MemberFields,
  type RoomFields,
} from './schema'
import { roleSchema } from './value-schemas'

/**
 * Typed accessors over a team Y.Doc. Nested maps are created once and then edited per field. The
 * top-level maps hold `unknown`: anyone may have written any value at any key, so readers go
 * through `room()`, `member()`, `roomEntries()`… which skip what is not a map.
 */
export class TeamDoc {
  constructor(readonly doc: Y.Doc) {}

  get meta(): Y.Map<unknown> {
    return this.doc.getMap(TeamDocKeys.meta)
  }
  get rooms(): Y.Map<unknown> {
    return this.doc.getMap(TeamDocKeys.rooms)
  }
  get members(): Y.Map<unknown> {
    return this.doc.getMap(TeamDocKeys.members)
  }

  /** The team setting that lets every member (not guests) manage rooms; written by the server only. */
  membersManageRooms(): boolean {
    return this.meta.get(MetaKeys.membersManageRooms) === true
  }

  teamName(): string {
    const name = this.meta.get('name')
    return typeof name === 'string' ? name : ''
  }

  /** Written once, by the server, when the team is created. */
  initialise(name: string, createdAt: number): void {
    this.doc.transact(() => {
      this.meta.set('name', name)
      this.meta.set('createdAt', createdAt)
      this.meta.set('schemaVersion', SCHEMA_VERSION)
    })
  }

  addRoom(id: string, fields: RoomFields): void {
    if (this.rooms.has(id)) throw new Error(`Room ${id} already exists.`)
    this.doc.transact(() => {
      const room = new Y.Map<unknown>()
      this.rooms.set(id, room)
      for (const [key, value] of Object.entries(fields)) if (value !== undefined) room.set(key, value)
    })
  }

  room(id: string): Required<RoomFields> | null {
    const map = mapAt(this.rooms, id)
    return map ? readRoom(map) : null
  }

  /** Rooms as stored; keys holding anything but a map are not rooms and are skipped. */
  roomEntries(): Array<[string, Y.Map<unknown>]> {
    return mapEntries(this.rooms)
  }

  roomIds(): string[] {
    return this.roomEntries().map(([id]) => id)
  }

  get statuses(): Y.Map<unknown> {
    return this.doc.getMap(TeamDocKeys.statuses)
  }

  /**
   * Creates the member's profile and status maps once (the server does, on first connection), so
   * no two devices ever race to create them; later calls leave existing fields alone.
   */
  ensureMember(userId: string, fields: Partial<MemberFields> & { name: string }): boolean {
    if (this.members.has(userId)) return false
    this.doc.transact(() => {
      if (!this.statuses.has(userId)) this.statuses.set(userId, new Y.Map<unknown>())
      const member = new Y.Map<unknown>()
      this.members.set(userId, member)
      const full: MemberFields = {
        avatar: defaultAvatarFor(userId),
        title: '',
        timezone: '',
        role: 'member',
        ...fields,
      }
      for (const [key, value] of Object.entries(full)) member.set(key, value)
    })
    return true
  }

  member(userId: string): MemberFields | null {
    const map = mapAt(this.members, userId)
    return map ? readMember(map) : null
  }

  memberEntries(): Array<[string, Y.Map<unknown>]> {
    return mapEntries(this.members)
  }

  memberIds(): string[] {
    return this.memberEntries().map(([id]) => id)
  }
}

/**
 * Reads tolerate missing or foreign values (a peer on another version may have written them):
 * each field is read through the schema its writes go through, and defaults when it does not fit.
 */
export function readRoom(map: Y.Map<unknown>): Required<RoomFields> {
  const fields = roomFieldsSchema.shape
  return {
    name: fieldOf(map, 'name', fields.name, 'Untitled room'),
    kind: fieldOf(map, 'kind', fields.kind, 'open'),
    door: fieldOf(map, 'door', fields.door, 'open'),
    capacity: fieldOf(map, 'capacity', fields.capacity, 0),
    order: fieldOf(map, 'order', fields.order, 0),
    floor: fieldOf(map, 'floor', fields.floor, DEFAULT_FLOOR),
  }
}

export function readMember(map: Y.Map<unknown>): MemberFields {
  const fields = profileFieldsSchema.shape
  return {
    name: fieldOf(map, 'name', fields.name, 'Someone'),
    avatar: fieldOf(map, 'avatar', fields.avatar, 'sprite:0'),
    title: fieldOf(map, 'title', fields.title, ''),
    timezone: fieldOf(map, 'timezone', fields.timezone, ''),
    role: fieldOf(map, 'role', roleSchema, 'member'),
  }
}
