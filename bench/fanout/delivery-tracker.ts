// Send times live in a table keyed by (awareness client id, clock), so the presence state carries
// no timestamp and its bytes stay those of a real change.
import type { Awareness } from 'y-protocols/awareness'
import type { AwarenessChange } from '../../server/sync/awareness-entries'

/** Clocks stay far below this in a run; it makes (client id, clock) one exact number key. */
const CLOCK_SPAN = 2 ** 20

export class DeliveryTracker {
  private readonly sentAt = new Map<number, number>()
  private counting = false
  /** Whether changes sent now are timed and expected. */
  measuring = false
  expected = 0
  delivered = 0
  changes = 0
  entriesReceived = 0
  latencies: number[] = []

  /** From now on every awareness entry received counts toward bytes per delivery. */
  startCounting(): void {
    this.counting = true
  }

  /** Forgets everything counted so far (a new load shape starts). */
  reset(): void {
    this.counting = false
    this.measuring = false
    this.sentAt.clear()
    this.expected = 0
    this.delivered = 0
    this.changes = 0
    this.entriesReceived = 0
    this.latencies = []
  }

  /** Call right before the sender's setLocalState, with the clock that call will give the state. */
  willSend(clientId: number, clock: number, receivers: number): void {
    if (!this.measuring) return
    this.sentAt.set(clientId * CLOCK_SPAN + clock, performance.now())
    this.changes++
    this.expected += receivers
  }

  /** A probe's awareness event for changes that came from the server: timed against the table. */
  receivedByProbe(awareness: Awareness, change: AwarenessChange): void {
    const now = performance.now()
    this.countEntries(change)
    for (const list of [change.added, change.updated]) {
      for (const clientId of list) {
        const clock = awareness.meta.get(clientId)?.clock
        const sentAt = clock === undefined ? undefined : this.sentAt.get(clientId * CLOCK_SPAN + clock)
        if (sentAt === undefined) continue
        this.delivered++
        this.latencies.push(now - sentAt)
      }
    }
  }

  /** Every awareness entry a client received from the server, renewals included. */
  countEntries({ added, updated, removed }: AwarenessChange): void {
    if (this.counting) this.entriesReceived += added.length + updated.length + removed.length
  }

  /**
   * A crowd client's awareness 'change' event. Only probes change presence and a measured change
   * always changes the state, so while counting every changed entry is a delivery (renewals,
   * which keep the state, raise no 'change').
   */
  changedForCrowd({ added, updated }: AwarenessChange): void {
    if (this.counting) this.delivered += added.length + updated.length
  }
}
