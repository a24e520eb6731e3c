import { describe, expect, it } from 'vitest'
import { Awareness, applyAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { applyAwarenessEntries } from './awareness-apply'
import { encodeAwarenessEntries } from './awareness-entries'
import type { AwarenessEntry } from './protocol'

interface Seen {
  event: 'change' | 'update'
  added: number[]
  updated: number[]
  removed: number[]
  origin: unknown
}

function recorded(localState: Record<string, unknown> | null): { awareness: Awareness; seen: Seen[] } {
  const doc = new Y.Doc()
  doc.clientID = 1
  const awareness = new Awareness(doc)
  awareness.setLocalState(localState)
  const seen: Seen[] = []
  for (const event of ['change', 'update'] as const) {
    awareness.on(event, ({ added, updated, removed }: Omit<Seen, 'event' | 'origin'>, origin: unknown) => seen.push({ event, added, updated, removed, origin }))
  }
  return { awareness, seen }
}

/** Clocks, states and events of an awareness, lastUpdated aside (a wall-clock time). */
function snapshot(awareness: Awareness, seen: Seen[]) {
  const meta = [...awareness.meta].map(([id, { clock }]) => [id, clock])
  return { states: [...awareness.states], meta, seen }
}

/** Random frames over a few client ids: newer, equal and older clocks, same or changed states, removals, repeats in one frame. */
function randomFrames(seed: number, count: number): AwarenessEntry[][] {
  // mulberry32: a seeded generator, so a failure replays.
  let x = seed
  const next = (n: number) => {
    x = (x + 0x6d2b79f5) | 0
    let t = Math.imul(x ^ (x >>> 15), 1 | x)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) % n
  }
  const clocks = new Map<number, number>()
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + next(3) }, () => {
      // Id 1 is the receiver's own: a remote removal of it must not remove its local state.
      const clientId = 1 + next(4)
      const clock = Math.max(0, (clocks.get(clientId) ?? 0) + next(4) - 1)
      clocks.set(clientId, clock)
      const state = next(5) === 0 ? null : { user: `u${clientId}`, room: `room-${next(2)}`, mic: next(2) === 0 }
      return { clientId, clock, state }
    }),
  )
}

describe('applying decoded awareness entries', () => {
  it.each([
    ['with no local state (as the server holds it)', null],
    ['with a local state, which a remote removal must not remove', { user: 'me' }],
  ])('leaves the same states, clocks and change/update events as y-protocols applying the encoded frame, %s', (_, localState) => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const ours = recorded(localState)
      const stock = recorded(localState)
      for (const [i, entries] of randomFrames(seed, 200).entries()) {
        applyAwarenessEntries(ours.awareness, entries, `frame ${i}`)
        applyAwarenessUpdate(stock.awareness, encodeAwarenessEntries(entries), `frame ${i}`)
      }
      expect(stock.seen.some((seen) => seen.removed.length > 0)).toBe(true)
      expect(stock.seen.some((seen) => seen.event === 'update' && seen.updated.length > 0)).toBe(true)
      expect(snapshot(ours.awareness, ours.seen)).toEqual(snapshot(stock.awareness, stock.seen))
    }
  })

  it('stamps each applied entry with the time it was applied, as the 30 s timeout reads it', () => {
    const { awareness } = recorded(null)
    const before = Date.now()
    applyAwarenessEntries(awareness, [{ clientId: 9, clock: 1, state: { user: 'u9' } }], null)
    expect(awareness.meta.get(9)!.lastUpdated).toBeGreaterThanOrEqual(before)
  })
})

describe('a renewal', () => {
  it('keeps the state object and meta the room holds (the decoded copy dies young), with the newer clock, and emits update without change', () => {
    const { awareness, seen } = recorded(null)
    const held = { user: 'u2', room: 'kitchen' }
    applyAwarenessEntries(awareness, [{ clientId: 2, clock: 1, state: held }], 'a')
    const meta = awareness.meta.get(2)
    applyAwarenessEntries(awareness, [{ clientId: 2, clock: 2, state: { user: 'u2', room: 'kitchen' } }], 'a')
    expect(awareness.states.get(2)).toBe(held)
    expect(awareness.meta.get(2)).toBe(meta)
    expect(meta?.clock).toBe(2)
    expect(seen.slice(2)).toEqual([{ event: 'update', added: [], updated: [2], removed: [], origin: 'a' }])
    const moved = { user: 'u2', room: 'garden' }
    applyAwarenessEntries(awareness, [{ clientId: 2, clock: 3, state: moved }], 'a')
    expect(awareness.states.get(2)).toBe(moved)
    expect(seen.slice(3).map((s) => s.event)).toEqual(['change', 'update'])
  })
})
