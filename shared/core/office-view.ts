import type { CallActivity, CallMarks } from '../contract/call-activity'
import { isValidId } from '../contract/doc-names'
import type { ConnectionState, MemberView, OfficeView, RoomView } from '../contract/view'
import { isPatchableKey } from '../contract/view-patches'
import { TeamDoc, readRoom } from '../model/team-doc'
import { defaultAvatarFor, type Role } from '../model/schema'
import { mayManageRooms } from '../model/write-rules'
import { memberReadsOf } from './member-reads'
import { roomActivityOf } from './room-activity-reads'
import { KNOCK_TTL_MS, pickDeviceState, readPresence, type PresenceState } from './presence'

export interface ViewInputs {
  teamId: string
  team: TeamDoc
  me: PresenceState
  myClientId: number
  /** Awareness states of every client, including this one. */
  states: ReadonlyMap<number, unknown>
  connection: { state: ConnectionState; detail: string | null }
  lastAnswer: OfficeView['me']['lastAnswer']
  discussions: OfficeView['discussions']
  /** How far this device read each room's discussion (0: nothing). */
  readMarks?: { read(roomId: string): number; settled(): boolean }
  /** The media host's last report about my call. */
  callActivity: CallActivity
  /** My role, from my current token. */
  role: Role
  now: number
}

export interface DeviceState {
  clientId: number
  state: PresenceState
}

/** Valid awareness states grouped by member; my own entry always carries my latest local state. */
export function statesByUser(states: ReadonlyMap<number, unknown>, me: PresenceState, myClientId: number): Map<string, DeviceState[]> {
  const byUser = new Map<string, DeviceState[]>()
  for (const [clientId, raw] of states) {
    const state = clientId === myClientId ? me : readPresence(raw)
    if (!state) continue
    const list = byUser.get(state.user) ?? []
    list.push({ clientId, state })
    byUser.set(state.user, list)
  }
  if (!states.has(myClientId)) byUser.set(me.user, [...(byUser.get(me.user) ?? []), { clientId: myClientId, state: me }])
  return byUser
}

/** The device of mine that holds the call: highest epoch, then lowest client id. */
export function mediaHolder(devices: readonly DeviceState[]): DeviceState | null {
  let best: DeviceState | null = null
  for (const device of devices) {
    if (device.state.room === null) continue
    if (!best || device.state.mediaEpoch > best.state.mediaEpoch || (device.state.mediaEpoch === best.state.mediaEpoch && device.clientId < best.clientId)) {
      best = device
    }
  }
  return best
}

/** A report counts only for the room I am in, while this device holds my call: a stale one (left, moved) shows nothing. */
export function callMarksOf(activity: CallActivity, myRoom: string | null, holdsMedia: boolean): CallMarks {
  const marks: CallMarks = {}
  if (activity.roomId === null || activity.roomId !== myRoom || !holdsMedia) return marks
  for (const { userId, speaking, quality } of activity.members) marks[userId] = { speaking, quality }
  return marks
}

/** Room and member ids come from any writer: one the view could not carry as a key is skipped. */
function isViewKey(id: string): boolean {
  return isValidId(id) && isPatchableKey(id)
}

/** A record with no prototype, so no id (`toString`, `hasOwnProperty`) ever reads as an inherited value. */
export function idRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>
}

/** What the team document and this device's read marks give the view: rooms with nobody in them, every member offline. */
export interface DocView {
  teamName: string
  rooms: Record<string, RoomView>
  members: Record<string, MemberView>
  /** Mentions of me I have not read, oldest first. */
  mentions: OfficeView['me']['mentions']
}

function offlineMember(id: string, name: string, avatar: string, title: string, timezone: string, status: MemberView['status']): MemberView {
  return { id, name, avatar, title, timezone, online: false, room: null, mic: false, cam: false, screen: false, idle: false, status }
}

const NOTHING_UNREAD = { count: 0, mentions: [] } as const

/** The document's part of the view: only a document change (or read marks, or the clock for statuses) changes it. */
export function docViewOf(inputs: Pick<ViewInputs, 'team' | 'me' | 'readMarks' | 'now'>): DocView {
  const { team, me, now } = inputs
  const rooms = idRecord<RoomView>()
  const activity = roomActivityOf(team)
  const mentions: OfficeView['me']['mentions'] = []
  const counting = inputs.readMarks?.settled() ?? true
  for (const [id, map] of team.roomEntries()) {
    if (!isViewKey(id)) continue
    // A device that knows none of my markers yet counts nothing until the server's arrive.
    const unread = counting ? activity.unread(me.user, id, inputs.readMarks?.read(id) ?? 0) : NOTHING_UNREAD
    rooms[id] = { id, ...readRoom(map), occupants: [], knocks: [], unread: unread.count }
    mentions.push(...unread.mentions)
  }
  mentions.sort((a, b) => a.at - b.at || a.seq - b.seq)

  const members = idRecord<MemberView>()
  const reads = memberReadsOf(team)
  for (const [id, map] of team.memberEntries()) {
    if (!isViewKey(id)) continue
    const fields = reads.profile(id, map)
    members[id] = offlineMember(id, fields.name, fields.avatar, fields.title, fields.timezone, reads.status(id, now))
  }
  return { teamName: team.teamName(), rooms, members, mentions }
}

/**
 * A member as the office shows them: online where their shown device is (their document entry, or
 * what that device says for someone the document does not know yet), else their document entry;
 * undefined for neither.
 */
export function memberFrom(doc: DocView, team: TeamDoc, user: string, devices: readonly DeviceState[] | undefined, now: number): MemberView | undefined {
  const state = devices && isViewKey(user) ? pickDeviceState(devices) : null
  if (!state) return doc.members[user]
  const base = doc.members[user] ?? offlineMember(user, state.name || user, defaultAvatarFor(user), '', '', memberReadsOf(team).status(user, now))
  const room = state.room !== null && doc.rooms[state.room] ? state.room : null
  return { ...base, online: true, room, mic: state.mic, cam: state.cam, screen: state.screen, idle: state.idleSince !== null }
}

/** Knocks on my room's door by others' devices, first knock first; none while I am on do-not-disturb. */
export function knocksOnMyRoom(byUser: ReadonlyMap<string, readonly DeviceState[]>, me: PresenceState, iAmDnd: boolean, doc: DocView, now: number): RoomView['knocks'] {
  const knocks: RoomView['knocks'] = []
  if (me.room === null || !doc.rooms[me.room] || iAmDnd) return knocks
  for (const [user, devices] of byUser) {
    if (user === me.user) continue
    for (const { state } of devices) {
      const knock = state.knock
      if (knock && knock.room === me.room && now - knock.at < KNOCK_TTL_MS) knocks.push({ user, at: knock.at })
    }
  }
  return knocks.sort((a, b) => a.at - b.at)
}

/** Invitations to me by others' devices, newest last; none while I am on do-not-disturb. */
export function pullsToMe(byUser: ReadonlyMap<string, readonly DeviceState[]>, me: PresenceState, iAmDnd: boolean, now: number): OfficeView['me']['pulls'] {
  const pulls: OfficeView['me']['pulls'] = []
  if (iAmDnd) return pulls
  for (const [user, devices] of byUser) {
    if (user === me.user) continue
    for (const { state } of devices) {
      const pull = state.pull
      if (pull && pull.to === me.user && now - pull.at < KNOCK_TTL_MS) pulls.push({ from: user, room: pull.room, at: pull.at })
    }
  }
  return pulls.sort((a, b) => a.at - b.at)
}

/** Me, the call marks, and what does not come from presence, on top of members and rooms already derived. */
export function assembleView(inputs: ViewInputs, doc: DocView, byUser: ReadonlyMap<string, readonly DeviceState[]>, members: Record<string, MemberView>, rooms: Record<string, RoomView>, pulls: OfficeView['me']['pulls']): OfficeView {
  const { me, now } = inputs
  const holder = mediaHolder(byUser.get(me.user) ?? [])
  const holdsMedia = holder?.clientId === inputs.myClientId
  return {
    team: { id: inputs.teamId, name: doc.teamName },
    me: {
      userId: me.user,
      room: me.room,
      mic: me.mic,
      cam: me.cam,
      screen: me.screen,
      holdsMedia,
      managesRooms: mayManageRooms(inputs.role, inputs.team.membersManageRooms()),
      callElsewhere: holder && !holdsMedia ? holder.state.room : null,
      knock: me.knock,
      pull: me.pull && now - me.pull.at < KNOCK_TTL_MS ? me.pull : null,
      pulls,
      mentions: doc.mentions,
      lastAnswer: inputs.lastAnswer,
    },
    connection: inputs.connection,
    rooms,
    members,
    callMarks: callMarksOf(inputs.callActivity, me.room, holdsMedia),
    discussions: inputs.discussions,
  }
}

/** Whether I am on do-not-disturb: knocks and invitations to me are not shown then. */
export function onDoNotDisturb(members: Record<string, MemberView>, me: PresenceState): boolean {
  return members[me.user]?.status?.dnd === true
}

/** Derives the whole office as plain data; views receive it as a snapshot plus patches. */
export function buildOfficeView(inputs: ViewInputs): OfficeView {
  return deriveOfficeView(inputs).view
}

/** The whole office, with the document's part and the states by member it was derived from. */
export function deriveOfficeView(inputs: ViewInputs): { view: OfficeView; doc: DocView; byUser: Map<string, DeviceState[]> } {
  const { team, me, now } = inputs
  const doc = docViewOf(inputs)
  const byUser = statesByUser(inputs.states, me, inputs.myClientId)

  const members = idRecord<MemberView>()
  Object.assign(members, doc.members)
  const occupants = new Map<string, string[]>()
  for (const [user, devices] of byUser) {
    const member = memberFrom(doc, team, user, devices, now)
    if (!member?.online) continue
    members[user] = member
    if (member.room !== null) occupants.set(member.room, [...(occupants.get(member.room) ?? []), user])
  }

  const iAmDnd = onDoNotDisturb(members, me)
  const knocks = knocksOnMyRoom(byUser, me, iAmDnd, doc, now)
  const rooms = idRecord<RoomView>()
  for (const [id, room] of Object.entries(doc.rooms)) {
    rooms[id] = { ...room, occupants: (occupants.get(id) ?? []).sort(), knocks: id === me.room ? knocks : [] }
  }
  return { view: assembleView(inputs, doc, byUser, members, rooms, pullsToMe(byUser, me, iAmDnd, now)), doc, byUser }
}
