import type { ConnectionState, MemberView, OfficeView, RoomView } from '../contract/view'
import { TeamDoc, readMember, readRoom } from '../model/team-doc'
import { defaultAvatarFor } from '../model/schema'
import { pickDeviceState, readPresence, type PresenceState } from './presence'

export interface ViewInputs {
  teamId: string
  team: TeamDoc
  me: PresenceState
  /** Awareness states of every client, including this one. */
  states: ReadonlyMap<number, unknown>
  connection: { state: ConnectionState; detail: string | null }
}

/** Derives the whole office as plain data; views receive it as a snapshot plus patches. */
export function buildOfficeView(inputs: ViewInputs): OfficeView {
  const byUser = new Map<string, Array<{ clientId: number; state: PresenceState }>>()
  for (const [clientId, raw] of inputs.states) {
    const state = readPresence(raw)
    if (!state) continue
    const list = byUser.get(state.user) ?? []
    list.push({ clientId, state })
    byUser.set(state.user, list)
  }

  const rooms: Record<string, RoomView> = {}
  inputs.team.rooms.forEach((map, id) => {
    rooms[id] = { id, ...readRoom(map), occupants: [] }
  })

  const members: Record<string, MemberView> = {}
  inputs.team.members.forEach((map, id) => {
    const fields = readMember(map)
    members[id] = { id, name: fields.name, avatar: fields.avatar, online: false, room: null, mic: false }
  })

  for (const [user, states] of byUser) {
    const state = user === inputs.me.user ? inputs.me : pickDeviceState(states)
    if (!state) continue
    const member =
      members[user] ??
      (members[user] = { id: user, name: state.name || user, avatar: defaultAvatarFor(user), online: false, room: null, mic: false })
    const room = state.room !== null && rooms[state.room] ? state.room : null
    member.online = true
    member.room = room
    member.mic = state.mic
    if (room) rooms[room]!.occupants.push(user)
  }
  for (const room of Object.values(rooms)) room.occupants.sort()

  return {
    team: { id: inputs.teamId, name: inputs.team.teamName() },
    me: { userId: inputs.me.user, room: inputs.me.room, mic: inputs.me.mic },
    connection: inputs.connection,
    rooms,
    members,
  }
}
