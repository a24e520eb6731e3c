// Drives presence changes in rounds: every round a share of the clients, taken round-robin in
// shuffled order, moves room or toggles its mic at once, the way the stock client sends it: whole
// state. Changes cluster in real teams too (a meeting starts, everyone moves).
import { DEFAULT_ROOMS } from '../../shared/model/starter-rooms'
import type { DeliveryTracker } from './delivery-tracker'
import type { StockClient } from './stock-clients'

const ROOMS = DEFAULT_ROOMS.map((room) => room.id)

/** The presence state of the benchmark: small and shaped like Hallway's, with a real room id. */
export interface BenchPresence {
  user: string
  room: string
  mic: boolean
}

export class PresenceLoad {
  private readonly order: StockClient[]
  private next = 0
  private carry = 0
  private timer: ReturnType<typeof setInterval> | null = null

  constructor(
    clients: readonly StockClient[],
    private readonly clientsPerDoc: Readonly<Record<string, number>>,
    private readonly tracker: DeliveryTracker,
  ) {
    this.order = shuffle([...clients])
  }

  /**
   * Every round adds the same share, however late its timer fires: a late round catching up would
   * make a client change twice at once, and a server may rightly send only the latest of the two.
   */
  start(changesPerSecond: number, roundMs: number): void {
    this.stop()
    if (this.order.length === 0) return
    const perRound = (changesPerSecond * roundMs) / 1000
    this.timer = setInterval(() => {
      this.carry += perRound
      for (; this.carry >= 1; this.carry--) this.change(this.order[this.next++ % this.order.length]!)
    }, roundMs)
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.carry = 0
  }

  private change(client: StockClient): void {
    const awareness = client.provider.awareness
    const n = ++client.changes
    const state: BenchPresence = { user: client.user, room: ROOMS[Math.floor(n / 2) % ROOMS.length]!, mic: n % 2 === 0 }
    const clock = (awareness.meta.get(awareness.clientID)?.clock ?? -1) + 1
    this.tracker.willSend(awareness.clientID, clock, this.clientsPerDoc[client.docName]! - 1)
    awareness.setLocalState(state)
  }
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}
