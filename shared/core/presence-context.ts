import { mediaHolder, statesByUser } from './office-view'
import { pickDeviceState, type PresenceState } from './presence'
import type { PresenceContext } from './presence-actions'

export interface PresenceInputs {
  /** Every awareness state of the team document, by Yjs client id. */
  states: ReadonlyMap<number, unknown>
  me: PresenceState
  myClientId: number
  now: number
  idleAfterMs?: number | undefined
}

/** What presence commands and reactions need to know about everyone else and my other devices. */
export function presenceContextOf(inputs: PresenceInputs): PresenceContext {
  const { me, myClientId } = inputs
  const byUser = statesByUser(inputs.states, me, myClientId)
  const others = new Map<string, PresenceState>()
  for (const [user, devices] of byUser) {
    if (user === me.user) continue
    const state = pickDeviceState(devices)
    if (state) others.set(user, state)
  }
  // Knock and pull answers may sit on any device of the asker; merge them onto the shown one.
  for (const [user, devices] of byUser) {
    const shown = others.get(user)
    if (!shown) continue
    const replies = devices.flatMap((d) => d.state.replies)
    const knock = devices.find((d) => d.state.knock)?.state.knock ?? null
    const pull = devices.find((d) => d.state.pull)?.state.pull ?? null
    others.set(user, { ...shown, replies, knock: shown.knock ?? knock, pull: shown.pull ?? pull })
  }
  const mine = byUser.get(me.user) ?? []
  const holder = mediaHolder(mine)
  return {
    now: inputs.now,
    maxEpochOfMine: Math.max(0, ...mine.map((d) => d.state.mediaEpoch)),
    others,
    callElsewhere: holder && holder.clientId !== myClientId ? holder.state : null,
    idleAfterMs: inputs.idleAfterMs,
  }
}
