import type { Awareness } from 'y-protocols/awareness'
import type { Comeback } from '../contract/close-codes'
import { defaultBackoff } from './jittered-socket'

/** Beyond a drain's comeback window: a member's admission and first sync on a restarted, busy server. */
const COMEBACK_SYNC_MS = 3_000

/**
 * How long after a 1012 naming `comeback` those not back yet are still drawn where they were:
 * the wait and the window as a core's retries cap them (defaultBackoff), and a first sync. The
 * server holds a drained member's leave from its other nodes' members for as long.
 */
export function comebackHoldMs(comeback: Comeback): number {
  const { capMs } = defaultBackoff
  return Math.min(comeback.afterMs, capMs) + Math.min(comeback.windowMs, capMs) + COMEBACK_SYNC_MS
}

/** The longest comebackHoldMs gives. */
export const MAX_COMEBACK_HOLD_MS = 2 * defaultBackoff.capMs + COMEBACK_SYNC_MS

/**
 * Who was where when this device last had a connection. When the socket drops, y-websocket
 * removes every other client's awareness state, which would show everyone leaving when it is this
 * device that left; while disconnected the office is drawn from these last-seen states instead.
 * A new connection starts with nobody but me until the server's presence snapshot is in: the
 * last-seen states are drawn until its first sync, which comes after that snapshot.
 * After a server drain (1012) the others come back to the restarted server spread over the window
 * it named: until then, anyone seen before and not back yet is still drawn where they were.
 * Kept entry by entry as awareness changes, so the cost is per change, not per member.
 */
export class LastSeenPresence {
  private readonly seen = new Map<number, unknown>()
  /** Date.now() until which members seen before a drain stay drawn while they come back. */
  private holdUntil = 0

  constructor(
    private readonly awareness: Awareness,
    private readonly connected: () => boolean,
    private readonly synced: () => boolean,
  ) {
    awareness.on('change', this.onChange)
  }

  /** The live states once the connection synced (with those not back yet from a drain); the last ones seen online otherwise. */
  states(): ReadonlyMap<number, unknown> {
    if (!this.synced()) return this.seen
    const live = this.awareness.getStates()
    if (Date.now() >= this.holdUntil) return live
    const held = new Map(this.seen)
    for (const [id, state] of live) held.set(id, state)
    return held
  }

  /** The server drained: for `ms`, whoever was seen and is not back yet is drawn where they were. */
  holdFor(ms: number): void {
    this.holdUntil = Date.now() + ms
  }

  close(): void {
    this.awareness.off('change', this.onChange)
  }

  private readonly onChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    if (!this.connected()) return
    const live = this.awareness.getStates()
    for (const id of [...added, ...updated]) this.seen.set(id, live.get(id))
    for (const id of removed) this.seen.delete(id)
  }
}
