import type { Awareness } from 'y-protocols/awareness'

/**
 * Who was where when this device last had a connection. When the socket drops, y-websocket
 * removes every other client's awareness state, which would show everyone leaving when it is this
 * device that left; while disconnected the office is drawn from these last-seen states instead.
 * A new connection starts with nobody but me until the server's presence snapshot is in: the
 * last-seen states are drawn until its first sync, which comes after that snapshot.
 * Kept entry by entry as awareness changes, so the cost is per change, not per member.
 */
export class LastSeenPresence {
  private readonly seen = new Map<number, unknown>()

  constructor(
    private readonly awareness: Awareness,
    private readonly connected: () => boolean,
    private readonly synced: () => boolean,
  ) {
    awareness.on('change', this.onChange)
  }

  /** The live states once the connection synced; the last ones seen online otherwise. */
  states(): ReadonlyMap<number, unknown> {
    return this.synced() ? this.awareness.getStates() : this.seen
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
