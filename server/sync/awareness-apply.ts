import { equalityDeep } from 'lib0/function'
import type { Awareness } from 'y-protocols/awareness'
import type { AwarenessEntry } from './protocol'

/**
 * y-protocols' applyAwarenessUpdate, from entries the frame's decode already parsed: the
 * awareness message is read once, not once to check and again to apply (each state's JSON.parse
 * was ~9 % of the server's busy time under the company load). The same clocks, states, meta
 * and 'change'/'update' events as y-protocols 1.0.x (`awareness-apply.test.ts` compares them).
 */
export function applyAwarenessEntries(awareness: Awareness, entries: readonly AwarenessEntry[], origin: unknown): void {
  const timestamp = Date.now()
  const added: number[] = []
  const updated: number[] = []
  const filteredUpdated: number[] = []
  const removed: number[] = []
  for (const entry of entries) {
    const { clientId, state } = entry
    let clock = entry.clock
    const clientMeta = awareness.meta.get(clientId)
    const prevState = awareness.states.get(clientId)
    const currClock = clientMeta === undefined ? 0 : clientMeta.clock
    if (!(currClock < clock || (currClock === clock && state === null && awareness.states.has(clientId)))) continue
    // A renewal (most presence traffic) re-sends an equal state: the room keeps the state and the
    // meta it holds, so what was just decoded dies young instead of outliving a young-generation
    // collection and waiting in old space for a full one (`npm run bench -- serverMemory`).
    const renewal = state !== null && prevState !== undefined && equalityDeep(state, prevState)
    if (state === null) {
      // Never let a remote client remove the local state: y-protocols answers with a newer clock.
      if (clientId === awareness.clientID && awareness.getLocalState() != null) clock++
      else awareness.states.delete(clientId)
    } else if (!renewal) {
      awareness.states.set(clientId, state as Record<string, unknown>)
    }
    if (clientMeta === undefined) awareness.meta.set(clientId, { clock, lastUpdated: timestamp })
    else {
      clientMeta.clock = clock
      clientMeta.lastUpdated = timestamp
    }
    if (clientMeta === undefined && state !== null) added.push(clientId)
    else if (clientMeta !== undefined && state === null) removed.push(clientId)
    else if (state !== null) {
      if (!renewal) filteredUpdated.push(clientId)
      updated.push(clientId)
    }
  }
  if (added.length > 0 || filteredUpdated.length > 0 || removed.length > 0) awareness.emit('change', [{ added, updated: filteredUpdated, removed }, origin])
  if (added.length > 0 || updated.length > 0 || removed.length > 0) awareness.emit('update', [{ added, updated, removed }, origin])
}
