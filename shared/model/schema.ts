// Plain values and types, without zod: the page reads these before its first frame (their zod schemas
// are in value-schemas.ts).

export const SCHEMA_VERSION = 1

/** Team, room, user and message ids: what document names and map keys may hold. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

/** What a member token grants: admins manage the team, members edit their own things, guests read. */
export const ROLES = ['admin', 'member', 'guest'] as const
export type Role = (typeof ROLES)[number]

export const ROOM_KINDS = ['open', 'meeting', 'focus'] as const
export type RoomKind = (typeof ROOM_KINDS)[number]

export const DOOR_STATES = ['open', 'closed', 'locked'] as const
export type DoorState = (typeof DOOR_STATES)[number]

export interface RoomFields {
  name: string
  kind: RoomKind
  door: DoorState
  capacity: number
  order: number
  /** The floor (area) the room is on; missing or unreadable reads as DEFAULT_FLOOR. */
  floor?: string
}

/** Where a room without a (valid) floor is: every team starts with all its rooms here. */
export const DEFAULT_FLOOR = 'Main floor'

export interface MemberFields {
  name: string
  avatar: string
  title: string
  timezone: string
  role: Role
}

/** Top-level shared types of a team document (docs/architecture.md, "The team document"). */
export const TeamDocKeys = {
  meta: 'meta',
  rooms: 'rooms',
  members: 'members',
  statuses: 'statuses',
  /** Per room: what its discussion last saw (room-activity.ts); written by the server only. */
  discussions: 'discussions',
} as const

/** `meta` keys: written by the server and the CLI only. */
export const MetaKeys = {
  name: 'name',
  createdAt: 'createdAt',
  schemaVersion: 'schemaVersion',
  /** true lets every member (not guests) create, edit and delete rooms; absent means false. */
  membersManageRooms: 'membersManageRooms',
} as const

/** Sprites in resources/avatars/sprites/ (one file each); keep in step with scripts/generate-avatars.ts. */
export const AVATAR_SPRITE_COUNT = 48
export const AVATAR_SPRITE_SIZE = 64
/** The PNG the app shows for a sprite: twice the largest size a face is drawn at (64 px), for 2× screens. */
export const AVATAR_RASTER_SIZE = 128

export function spriteAvatar(index: number): string {
  return `sprite:${((index % AVATAR_SPRITE_COUNT) + AVATAR_SPRITE_COUNT) % AVATAR_SPRITE_COUNT}`
}

/** A stable sprite for a user who has not picked one: FNV-1a of the id. */
export function defaultAvatarFor(userId: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return spriteAvatar(hash >>> 0)
}

export function spriteIndexOf(avatar: string): number | null {
  const match = /^sprite:(\d+)$/.exec(avatar)
  if (!match) return null
  const index = Number(match[1])
  return index < AVATAR_SPRITE_COUNT ? index : null
}

/** An uploaded photo, by the sha256 (lowercase hex) of its WebP bytes as the server stores them. */
export function photoAvatar(sha256: string): string {
  return `photo:${sha256}`
}

export type AvatarChoice = { kind: 'sprite'; index: number } | { kind: 'photo'; sha256: string }

/** What an avatar value shows: a sprite, a photo, or (for anything else) this member's default sprite. */
export function readAvatar(avatar: string, userId: string): AvatarChoice {
  const photo = /^photo:([0-9a-f]{64})$/.exec(avatar)
  if (photo) return { kind: 'photo', sha256: photo[1]! }
  const index = spriteIndexOf(avatar) ?? spriteIndexOf(defaultAvatarFor(userId)) ?? 0
  return { kind: 'sprite', index }
}
