import * as Y from 'yjs'
import {
  MetaKeys,
  SCHEMA_VERSION,
  TeamDocKeys,
  defaultAvatarFor,
  doorStateSchema,
  roleSchema,
  roomKindSchema,
  type MemberFields,
  type RoomFields,
} from './schema'

/** Typed accessors over a team Y.Doc. Nested maps are created once and then edited per field. */
export class TeamDoc {
  constructor(readonly doc: Y.Doc) {}

  get meta(): Y.Map<unknown> {
    return this.doc.getMap(TeamDocKeys.meta)
  }
  get rooms(): Y.Map<Y.Map<unknown>> {
    return this.doc.getMap(TeamDocKeys.rooms)
  }
  get members(): Y.Map<Y.Map<unknown>> {
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
      for (const [key, value] of Object.entries(fields)) room.set(key, value)
    })
  }

  room(id: string): RoomFields | null {
    const map = this.rooms.get(id)
    return map ? readRoom(map) : null
  }

  roomIds(): string[] {
    return [...this.rooms.keys()]
  }

  get statuses(): Y.Map<Y.Map<unknown>> {
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
    const map = this.members.get(userId)
    return map ? readMember(map) : null
  }

  memberIds(): string[] {
    return [...this.members.keys()]
  }
}

function str(map: Y.Map<unknown>, key: string, fallback: string): string {
  const value = map.get(key)
  return typeof value === 'string' ? value : fallback
}

function num(map: Y.Map<unknown>, key: string, fallback: number): number {
  const value = map.get(key)
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}

/** Reads tolerate missing or foreign values: a peer on another version may have written them. */
export function readRoom(map: Y.Map<unknown>): RoomFields {
  const kind = roomKindSchema.safeParse(map.get('kind'))
  const door = doorStateSchema.safeParse(map.get('door'))
  return {
    name: str(map, 'name', 'Untitled room'),
    kind: kind.success ? kind.data : 'open',
    door: door.success ? door.data : 'open',
    capacity: num(map, 'capacity', 0),
    order: num(map, 'order', 0),
  }
}

export function readMember(map: Y.Map<unknown>): MemberFields {
  const role = roleSchema.safeParse(map.get('role'))
  return {
    name: str(map, 'name', 'Someone'),
    avatar: str(map, 'avatar', 'sprite:0'),
    title: str(map, 'title', ''),
    timezone: str(map, 'timezone', ''),
    role: role.success ? role.data : 'member',
  }
}
