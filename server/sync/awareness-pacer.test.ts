import { afterEach, describe, expect, it, vi } from 'vitest'
import { AwarenessPacer, type PacedRoom } from './awareness-pacer'

/** A room that counts its sends and knows, as LivePresence does, since when it holds renewals. */
function room(): PacedRoom & { flushes: number; heldSince: number | null } {
  return {
    flushes: 0,
    heldSince: null,
    flushAwareness() {
      this.flushes++
      this.heldSince = null
    },
    heldRenewalSince() {
      return this.heldSince
    },
  }
}

/** A renewal arrives at the room now (the fake clock's performance.now()). */
function renew(pacer: AwarenessPacer, paced: ReturnType<typeof room>): void {
  paced.heldSince ??= performance.now()
  pacer.renewed(paced)
}

const fakeClock = () => vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate', 'performance'] })

const RENEWAL_HOLD_MS = 2000
const ARRIVAL_HOLD_MS = 100

afterEach(() => {
  vi.useRealTimers()
})

const endOfTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

describe('AwarenessPacer', () => {
  it("sends a room's first change of a turn at once and holds the rest until the turn ends", async () => {
    const pacer = new AwarenessPacer(1, RENEWAL_HOLD_MS, ARRIVAL_HOLD_MS)
    const kitchen = room()
    pacer.changed(kitchen, 0)
    expect(kitchen.flushes).toBe(1)
    pacer.changed(kitchen, 0.1)
    pacer.changed(kitchen, 0.2)
    expect(kitchen.flushes).toBe(1)
    await endOfTurn()
    expect(kitchen.flushes).toBe(2)
    pacer.changed(kitchen, 5)
    expect(kitchen.flushes).toBe(3)
  })

  it('sends a held batch once a frame read after it finds it has waited the hold, oldest first', async () => {
    const pacer = new AwarenessPacer(1, RENEWAL_HOLD_MS, ARRIVAL_HOLD_MS)
    const [kitchen, lounge, library] = [room(), room(), room()]
    for (const r of [kitchen, lounge, library]) pacer.changed(r, 0)
    pacer.changed(kitchen, 10)
    pacer.changed(lounge, 10.5)
    pacer.changed(library, 10.9)
    pacer.tick(10.9)
    expect([kitchen.flushes, lounge.flushes, library.flushes]).toEqual([1, 1, 1])
    pacer.tick(11.6)
    expect([kitchen.flushes, lounge.flushes, library.flushes]).toEqual([2, 2, 1])
    // Sent early, the room holds again behind that send; the end of the turn sends the rest.
    pacer.changed(kitchen, 11.7)
    await endOfTurn()
    expect([kitchen.flushes, lounge.flushes, library.flushes]).toEqual([3, 2, 2])
  })

  it('holds renewals past the turn until the renewal hold ends, with one send per room however many renewals came', () => {
    fakeClock()
    const pacer = new AwarenessPacer(1, RENEWAL_HOLD_MS, ARRIVAL_HOLD_MS)
    const [kitchen, lounge] = [room(), room()]
    renew(pacer, kitchen)
    renew(pacer, kitchen)
    vi.advanceTimersByTime(RENEWAL_HOLD_MS / 2)
    renew(pacer, lounge)
    renew(pacer, kitchen)
    pacer.tick(RENEWAL_HOLD_MS / 2)
    expect([kitchen.flushes, lounge.flushes]).toEqual([0, 0])
    vi.advanceTimersByTime(RENEWAL_HOLD_MS / 2)
    expect([kitchen.flushes, lounge.flushes]).toEqual([1, 0])
    vi.advanceTimersByTime(RENEWAL_HOLD_MS / 2)
    expect([kitchen.flushes, lounge.flushes]).toEqual([1, 1])
    // The next renewal starts a new hold.
    renew(pacer, kitchen)
    vi.advanceTimersByTime(RENEWAL_HOLD_MS - 1)
    expect(kitchen.flushes).toBe(1)
    vi.advanceTimersByTime(1)
    expect(kitchen.flushes).toBe(2)
  })

  it('sends a visible change at once even while the room holds renewals', () => {
    fakeClock()
    const pacer = new AwarenessPacer(1, RENEWAL_HOLD_MS, ARRIVAL_HOLD_MS)
    const kitchen = room()
    renew(pacer, kitchen)
    pacer.changed(kitchen, 0)
    expect(kitchen.flushes).toBe(1)
  })

  it('times the hold from the oldest renewal still held: after a visible change carried the first ones out, later renewals wait their own hold, and none is sent alone', async () => {
    fakeClock()
    const pacer = new AwarenessPacer(1, RENEWAL_HOLD_MS, ARRIVAL_HOLD_MS)
    const kitchen = room()
    renew(pacer, kitchen)
    vi.advanceTimersByTime(RENEWAL_HOLD_MS / 4)
    pacer.changed(kitchen, performance.now())
    expect(kitchen.flushes).toBe(1)
    vi.advanceTimersByTime(RENEWAL_HOLD_MS / 4)
    renew(pacer, kitchen)
    // The first renewal's hold is up, but it went out with the change; the one held now is young.
    vi.advanceTimersByTime(RENEWAL_HOLD_MS / 2)
    expect(kitchen.flushes).toBe(1)
    vi.advanceTimersByTime(RENEWAL_HOLD_MS / 2 - 1)
    expect(kitchen.flushes).toBe(1)
    vi.advanceTimersByTime(1)
    expect(kitchen.flushes).toBe(2)
    // A hold whose renewals a visible change took sends nothing when it ends.
    renew(pacer, kitchen)
    vi.advanceTimersByTime(1)
    pacer.changed(kitchen, performance.now())
    await vi.advanceTimersByTimeAsync(0)
    expect(kitchen.flushes).toBe(3)
    vi.advanceTimersByTime(RENEWAL_HOLD_MS * 2)
    expect(kitchen.flushes).toBe(3)
  })

  it("sends a room's first arrival at once and holds the arrivals after it until the hold since that one ends, then sends them together", async () => {
    fakeClock()
    const pacer = new AwarenessPacer(1, RENEWAL_HOLD_MS, ARRIVAL_HOLD_MS)
    const [kitchen, lounge] = [room(), room()]
    pacer.arrived(kitchen, performance.now())
    expect(kitchen.flushes).toBe(1)
    await vi.advanceTimersByTimeAsync(10)
    for (let i = 0; i < 5; i++) {
      pacer.arrived(kitchen, performance.now())
      await vi.advanceTimersByTimeAsync(10)
    }
    // Another room's arrival is its own: it goes at once.
    pacer.arrived(lounge, performance.now())
    expect([kitchen.flushes, lounge.flushes]).toEqual([1, 1])
    await vi.advanceTimersByTimeAsync(ARRIVAL_HOLD_MS - 60 - 1)
    expect(kitchen.flushes).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(kitchen.flushes).toBe(2)
    // The next hold runs from that send: an arrival within it waits, one after it goes at once.
    pacer.arrived(kitchen, performance.now())
    await vi.advanceTimersByTimeAsync(ARRIVAL_HOLD_MS - 1)
    expect(kitchen.flushes).toBe(2)
    await vi.advanceTimersByTimeAsync(1)
    expect(kitchen.flushes).toBe(3)
    await vi.advanceTimersByTimeAsync(ARRIVAL_HOLD_MS)
    pacer.arrived(kitchen, performance.now())
    expect(kitchen.flushes).toBe(4)
  })

  it("sends held arrivals with the room's next visible change, at once", async () => {
    fakeClock()
    const pacer = new AwarenessPacer(1, RENEWAL_HOLD_MS, ARRIVAL_HOLD_MS)
    const kitchen = room()
    pacer.arrived(kitchen, performance.now())
    await vi.advanceTimersByTimeAsync(10)
    pacer.arrived(kitchen, performance.now())
    expect(kitchen.flushes).toBe(1)
    pacer.changed(kitchen, performance.now())
    expect(kitchen.flushes).toBe(2)
  })
})
