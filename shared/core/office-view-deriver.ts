import type { OfficeView, RoomView } from '../contract/view'
import {
  assembleView,
  deriveOfficeView,
  idRecord,
  knocksOnMyRoom,
  memberFrom,
  onDoNotDisturb,
  pullsToMe,
  type DeviceState,
  type DocView,
  type ViewInputs,
} from './office-view'
import { readPresence } from './presence'

interface Derived {
  inputs: ViewInputs
  doc: DocView
  byUser: Map<string, DeviceState[]>
  /** The member each client with a valid state is a device of. */
  userOf: Map<number, string>
  view: OfficeView
}

/**
 * The office view, kept current change by change. After a change of some clients' presence
 * (someone mutes, moves, knocks) only their members, the occupants of the rooms they left or
 * entered, and what hangs on everyone's presence at once (my room's knocks, invitations to me, me)
 * are derived again: every other member and room is the last view's own object, which diffView
 * skips, so a change costs the same at 1,000 members as at 10. Anything else (the team document,
 * read marks, the connection, the clock) takes a full build; so a status that runs out shows at
 * the next one, which the core's expiry tick makes every few seconds.
 *
 * Views are shared between derivations: nothing may mutate a view this returns.
 */
export class OfficeViewDeriver {
  private last: Derived | null = null

  /** The whole view, built afresh. */
  full(inputs: ViewInputs): OfficeView {
    const { view, doc, byUser } = deriveOfficeView(inputs)
    const userOf = new Map<number, string>()
    for (const [user, devices] of byUser) for (const { clientId } of devices) userOf.set(clientId, user)
    this.last = { inputs, doc, byUser, userOf, view }
    return view
  }

  /**
   * The view after a change of these clients' awareness states alone, since the last view this
   * derived. It builds afresh when there is none, or it was of another awareness or document.
   */
  presenceChanged(inputs: ViewInputs, clients: Iterable<number>): OfficeView {
    const last = this.last
    const sameSources = last && last.inputs.states === inputs.states && last.inputs.team === inputs.team && last.inputs.myClientId === inputs.myClientId && last.inputs.me.user === inputs.me.user
    if (!last || !sameSources) return this.full(inputs)
    const { doc, byUser, userOf, view } = last
    const { me, now, myClientId } = inputs

    // My own device is always read again: my state is `me`, which the caller may have set without an event.
    const touched = new Set<string>()
    for (const clientId of new Set([...clients, myClientId])) {
      const before = userOf.get(clientId)
      if (before !== undefined) {
        const rest = byUser.get(before)!.filter((device) => device.clientId !== clientId)
        if (rest.length > 0) byUser.set(before, rest)
        else byUser.delete(before)
        userOf.delete(clientId)
        touched.add(before)
      }
      const state = clientId === myClientId ? me : readPresence(inputs.states.get(clientId))
      if (!state) continue
      byUser.set(state.user, [...(byUser.get(state.user) ?? []), { clientId, state }])
      userOf.set(clientId, state.user)
      touched.add(state.user)
    }

    let members = view.members
    const roomsChanged = new Set<string>()
    for (const user of touched) {
      const before = view.members[user]
      const after = memberFrom(doc, inputs.team, user, byUser.get(user), now)
      if (before === after) continue
      if (members === view.members) members = Object.assign(idRecord<OfficeView['members'][string]>(), view.members)
      if (after) members[user] = after
      else delete members[user]
      const roomBefore = before?.room ?? null
      const roomAfter = after?.room ?? null
      if (roomBefore === roomAfter) continue
      if (roomBefore !== null) roomsChanged.add(roomBefore)
      if (roomAfter !== null) roomsChanged.add(roomAfter)
    }

    let rooms = view.rooms
    const replaceRoom = (room: RoomView) => {
      if (rooms === view.rooms) rooms = Object.assign(idRecord<RoomView>(), view.rooms)
      rooms[room.id] = room
    }
    for (const id of roomsChanged) {
      const room = rooms[id]!
      const occupants = room.occupants.filter((user) => !touched.has(user))
      for (const user of touched) if (members[user]?.online && members[user].room === id) occupants.push(user)
      replaceRoom({ ...room, occupants: occupants.sort() })
    }
    const iAmDnd = onDoNotDisturb(members, me)
    const knocks = knocksOnMyRoom(byUser, me, iAmDnd, doc, now)
    for (const room of Object.values(rooms)) {
      const wanted = room.id === me.room ? knocks : []
      if (!sameKnocks(room.knocks, wanted)) replaceRoom({ ...room, knocks: wanted })
    }

    const next = assembleView(inputs, doc, byUser, members, rooms, pullsToMe(byUser, me, iAmDnd, now))
    this.last = { inputs, doc, byUser, userOf, view: next }
    return next
  }
}

function sameKnocks(a: RoomView['knocks'], b: RoomView['knocks']): boolean {
  return a.length === b.length && a.every((knock, i) => knock.user === b[i]!.user && knock.at === b[i]!.at)
}
