import { randomBytes } from 'node:crypto'
import * as Y from 'yjs'
import { teamDocName } from '../../shared/contract/doc-names'
import { DEFAULT_ROOMS } from '../../shared/model/starter-rooms'
import { MetaKeys, type RoomFields, type RoomKind } from '../../shared/model/schema'
import { TeamDoc } from '../../shared/model/team-doc'
import type { DocStore, TeamRecord, TeamStore } from '../store/doc-store'
import { loadUserId, loadUserName } from './load-users'

export class AdminError extends Error {
  override name = 'AdminError'
}

export function newTeamId(): string {
  return 't' + randomBytes(6).toString('hex')
}

/** The person creating a team: its first admin. */
export interface TeamCreator {
  userId: string
  name: string
}

/** Creates the team row and its document (meta, default rooms, the creator as admin) as one stored update. */
export async function createTeam(store: TeamStore, name: string, creator: TeamCreator | null = null, now = Date.now()): Promise<TeamRecord> {
  const trimmed = name.trim()
  if (trimmed.length === 0 || trimmed.length > 80) throw new AdminError('A team name needs 1 to 80 characters.')
  const doc = new Y.Doc()
  try {
    const team = new TeamDoc(doc)
    doc.transact(() => {
      team.initialise(trimmed, now)
      for (const { id, ...fields } of DEFAULT_ROOMS) team.addRoom(id, fields)
      if (creator) team.ensureMember(creator.userId, { name: creator.name, role: 'admin' })
    })
    const record: TeamRecord = { id: newTeamId(), name: trimmed, createdAt: now }
    await store.createTeam(record, Y.encodeStateAsUpdate(doc))
    return record
  } finally {
    doc.destroy()
  }
}

export async function requireTeam(store: TeamStore, teamId: string): Promise<TeamRecord> {
  const team = await store.getTeam(teamId)
  if (!team) throw new AdminError(`Unknown team "${teamId}". Create one with: npm run hallway -- team create --data DIR --name NAME`)
  return team
}

const SEED_ROOM_NAMES = ['Atrium', 'Library', 'Studio', 'Garden', 'Workshop', 'Terrace', 'Observatory', 'Greenhouse', 'Gallery', 'Lounge', 'Archive', 'Harbor']
const SEED_KINDS: RoomKind[] = ['open', 'open', 'meeting', 'focus']
/** Seeded rooms fill floors of this many, after the team's own rooms on the default floor: 50 rooms make 4 floors. */
export const SEED_ROOMS_PER_FLOOR = 13

export function seedRoom(index: number, order: number): { id: string } & Required<RoomFields> {
  const base = SEED_ROOM_NAMES[(index - 1) % SEED_ROOM_NAMES.length]!
  const round = Math.floor((index - 1) / SEED_ROOM_NAMES.length)
  const kind = SEED_KINDS[(index - 1) % SEED_KINDS.length]!
  return {
    id: `seed-room-${index}`,
    name: round === 0 ? base : `${base} ${round + 1}`,
    kind,
    door: kind === 'focus' ? 'closed' : 'open',
    capacity: kind === 'meeting' ? 8 : kind === 'focus' ? 4 : 0,
    order,
    floor: `Floor ${Math.floor((index - 1) / SEED_ROOMS_PER_FLOOR) + 1}`,
  }
}

/**
 * Sets whether every member (not only admins) may create, edit and delete rooms: a `meta` write,
 * which only the server and the CLI make. A running server picks it up from the store.
 */
export async function setMembersManageRooms(store: DocStore & TeamStore, teamId: string, allowed: boolean): Promise<void> {
  await editStoredTeam(store, teamId, (team) => {
    if (team.membersManageRooms() !== allowed) team.meta.set(MetaKeys.membersManageRooms, allowed)
  })
}

/**
 * Loads a team's document from the store, runs `edit` on it as one transaction and appends what
 * changed (nothing when nothing did), as the CLI's writes must: a running server picks it up.
 */
export async function editStoredTeam<T>(store: DocStore & TeamStore, teamId: string, edit: (team: TeamDoc) => T): Promise<T> {
  await requireTeam(store, teamId)
  const docName = teamDocName(teamId)
  const doc = new Y.Doc()
  try {
    for (const update of await store.load(docName)) Y.applyUpdate(doc, update)
    const before = Y.encodeStateVector(doc)
    const result = doc.transact(() => edit(new TeamDoc(doc)))
    const update = Y.encodeStateAsUpdate(doc, before)
    if (!sameStateVector(Y.encodeStateVector(doc), before)) await store.append(docName, update)
    return result
  } finally {
    doc.destroy()
  }
}

function sameStateVector(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i])
}

export interface SeedResult {
  members: number
  rooms: number
  addedMembers: number
  addedRooms: number
}

/**
 * Makes sure members load-1..N and rooms seed-room-1..R exist (running it twice adds nothing),
 * writing the change as one update. A running server picks it up from the store.
 */
export async function seedTeam(store: DocStore & TeamStore, teamId: string, counts: { members: number; rooms: number }): Promise<SeedResult> {
  return editStoredTeam(store, teamId, (team) => {
    let addedMembers = 0
    let addedRooms = 0
    for (let i = 1; i <= counts.members; i++) {
      if (team.ensureMember(loadUserId(i), { name: loadUserName(i), role: 'member' })) addedMembers++
    }
    let order = Math.max(-1, ...team.roomIds().map((id) => team.room(id)?.order ?? 0)) + 1
    for (let i = 1; i <= counts.rooms; i++) {
      const room = seedRoom(i, order)
      if (team.room(room.id)) continue
      const { id, ...fields } = room
      team.addRoom(id, fields)
      order++
      addedRooms++
    }
    return { members: team.memberIds().length, rooms: team.roomIds().length, addedMembers, addedRooms }
  })
}
