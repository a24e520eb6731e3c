import type { CallActivity, CallMarks } from '../contract/call-activity'
import { isValidId } from '../contract/doc-names'
import type { ConnectionState, MemberView, OfficeView, RoomView } from '../contract/view'
import { isPatchableKey } from '../contract/view-patches'
import { TeamDoc, readRoom } from '../model/team-doc'
import { defaultAvatarFor } from '../model/schema'
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
  readMarks?: { read(roomId: string): number }
  /** The media host's last report about my call. */
  callActivity: CallActivity
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
function idRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>
}

/** Derives the whole office as plain data; views receive it as a snapshot plus patches. */
export function buildOfficeView(inputs: ViewInputs): OfficeView {
  const { team, me, now } = inputs
  const byUser = statesByUser(inputs.states, me, inputs.myClientId)

  const rooms = idRecord<RoomView>()
  const activity = roomActivityOf(team)
  const mentions: OfficeView['me']['mentions'] = []
  for (const [id, map] of team.roomEntries()) {
    if (!isViewKey(id)) continue
    const unread = activity.unread(me.user, id, inputs.readMarks?.read(id) ?? 0)
    rooms[id] = { id, ...readRoom(map), occupants: [], knocks: [], unread: unread.count }
    mentions.push(...unread.mentions)
  }
  mentions.sort((a, b) => a.at - b.at || a.seq - b.seq)

  const members = idRecord<MemberView>()
  const reads = memberReadsOf(team)
  const memberView = (id: string, name: string, avatar: string, title = '', timezone = ''): MemberView => ({
    id, name, avatar, title, timezone,
    online: false, room: null, mic: false, cam: false, screen: false, idle: false,
    status: reads.status(id, now),
  })
  for (const [id, map] of team.memberEntries()) {
    if (!isViewKey(id)) continue
    const fields = reads.profile(id, map)
    members[id] = memberView(id, fields.name, fields.avatar, fields.title, fields.timezone)
  }

  for (const [user, devices] of byUser) {
    const state = pickDeviceState(devices)
    if (!state || !isViewKey(user)) continue
    const member = members[user] ?? (members[user] = memberView(user, state.name || user, defaultAvatarFor(user)))
    const room = state.room !== null && rooms[state.room] ? state.room : null
    Object.assign(member, { online: true, room, mic: state.mic, cam: state.cam, screen: state.screen, idle: state.idleSince !== null })
    if (room) rooms[room]!.occupants.push(user)
  }

  const iAmDnd = members[me.user]?.status?.dnd === true
  const pulls: OfficeView['me']['pulls'] = []
  for (const [user, devices] of byUser) {
    if (user === me.user) continue
    for (const { state } of devices) {
      const knock = state.knock
      if (knock && knock.room === me.room && !iAmDnd && now - knock.at < KNOCK_TTL_MS && rooms[knock.room]) {
        rooms[knock.room]!.knocks.push({ user, at: knock.at })
      }
      const pull = state.pull
      if (pull && pull.to === me.user && !iAmDnd && now - pull.at < KNOCK_TTL_MS) pulls.push({ from: user, room: pull.room, at: pull.at })
    }
  }
  for (const room of Object.values(rooms)) {
    room.occupants.sort()
    room.knocks.sort((a, b) => a.at - b.at)
  }
  pulls.sort((a, b) => a.at - b.at)

  const holder = mediaHolder(byUser.get(me.user) ?? [])
  const holdsMedia = holder?.clientId === inputs.myClientId
  return {
    team: { id: inputs.teamId, name: team.teamName() },
    me: {
      userId: me.user,
      room: me.room,
      mic: me.mic,
      cam: me.cam,
      screen: me.screen,
      holdsMedia,
      callElsewhere: holder && !holdsMedia ? holder.state.room : null,
      knock: me.knock,
      pull: me.pull && now - me.pull.at < KNOCK_TTL_MS ? me.pull : null,
      pulls,
      mentions,
      lastAnswer: inputs.lastAnswer,
    },
    connection: inputs.connection,
    rooms,
    members,
    callMarks: callMarksOf(inputs.callActivity, me.room, holdsMedia),
    discussions: inputs.discussions,
  }
}
