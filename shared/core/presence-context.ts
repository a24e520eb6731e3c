import { mediaHolder, statesByUser } from './office-view'
import type { PresenceContext } from './presence-actions'
import { pickDeviceState, type PresenceState } from './presence'

export interface PresenceInputs {
  /** Awareness states of every client, this one included. */
  states: ReadonlyMap<number, unknown>
  me: PresenceState
  myClientId: number
  now: number
  idleAfterMs: number | undefined
}

/** What a presence command is decided against: everyone else as one state each, and my devices. */
export function presenceContextOf(inputs: PresenceInputs): PresenceContext {
  const byUser = statesByUser(inputs.states, inputs.me, inputs.myClientId)
  const others = new Map<string, PresenceState>()
  for (const [user, devices] of byUser) {
    if (user === inputs.me.user) continue
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
  const mine = byUser.get(inputs.me.user) ?? []
  const holder = mediaHolder(mine)
  return {
    now: inputs.now,
    maxEpochOfMine: Math.max(0, ...mine.map((d) => d.state.mediaEpoch)),
    others,
    callElsewhere: holder && holder.clientId !== inputs.myClientId ? holder.state : null,
    idleAfterMs: inputs.idleAfterMs,
  }
}
