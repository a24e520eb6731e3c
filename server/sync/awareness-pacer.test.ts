import { afterEach, describe, expect, it, vi } from 'vitest'
import { AwarenessPacer, type PacedRoom } from './awareness-pacer'

function room(): PacedRoom & { flushes: number } {
  return {
    flushes: 0,
    flushAwareness() {
      this.flushes++
    },
  }
}

const RENEWAL_HOLD_MS = 2000

afterEach(() => {
  vi.useRealTimers()
})

const endOfTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

describe('AwarenessPacer', () => {
  it("sends a room's first change of a turn at once and holds the rest until the turn ends", async () => {
    const pacer = new AwarenessPacer(1, RENEWAL_HOLD_MS)
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
    const pacer = new AwarenessPacer(1, RENEWAL_HOLD_MS)
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
    vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate'] })
    const pacer = new AwarenessPacer(1, RENEWAL_HOLD_MS)
    const [kitchen, lounge] = [room(), room()]
    pacer.renewed(kitchen)
    pacer.renewed(kitchen)
    vi.advanceTimersByTime(RENEWAL_HOLD_MS / 2)
    pacer.renewed(lounge)
    pacer.renewed(kitchen)
    pacer.tick(RENEWAL_HOLD_MS / 2)
    expect([kitchen.flushes, lounge.flushes]).toEqual([0, 0])
    vi.advanceTimersByTime(RENEWAL_HOLD_MS / 2)
    expect([kitchen.flushes, lounge.flushes]).toEqual([1, 0])
    vi.advanceTimersByTime(RENEWAL_HOLD_MS / 2)
    expect([kitchen.flushes, lounge.flushes]).toEqual([1, 1])
    // The next renewal starts a new hold.
    pacer.renewed(kitchen)
    vi.advanceTimersByTime(RENEWAL_HOLD_MS - 1)
    expect(kitchen.flushes).toBe(1)
    vi.advanceTimersByTime(1)
    expect(kitchen.flushes).toBe(2)
  })

  it('sends a visible change at once even while the room holds renewals', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate'] })
    const pacer = new AwarenessPacer(1, RENEWAL_HOLD_MS)
    const kitchen = room()
    pacer.renewed(kitchen)
    pacer.changed(kitchen, 0)
    expect(kitchen.flushes).toBe(1)
  })
})
