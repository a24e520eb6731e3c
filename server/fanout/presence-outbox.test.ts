import { describe, expect, it } from 'vitest'
import { decodePresenceDeltas, encodePresenceDeltas } from '../../shared/contract/presence-delta'
import { PresenceOutbox } from './presence-outbox'
import { MAX_DELTAS_PER_ENTRY, MAX_PRESENCE_ENTRY_BYTES } from './stream-entry'

const ada = { user: 'ada', name: 'Ada', device: 'web', room: 'lobby', mic: true, cam: false }

function nested(depth: number): unknown {
  return depth === 0 ? 1 : { a: nested(depth - 1) }
}

describe('what a node publishes for its own clients', () => {
  it('a first state goes whole; the next change as the changed field, on the clock published before', () => {
    const outbox = new PresenceOutbox(true)
    expect(outbox.take([{ clientId: 1, clock: 3, state: ada }])).toEqual({ whole: [{ clientId: 1, clock: 3, state: ada }], deltaGroups: [] })
    expect(outbox.take([{ clientId: 1, clock: 5, state: { ...ada, mic: false } }])).toEqual({
      whole: [],
      deltaGroups: [[{ clientId: 1, clock: 5, steps: 2, changes: [{ key: 'mic', value: false }] }]],
    })
  })

  it('a renewal (same state, later clock) is a delta re-setting the mic; a removal goes whole and forgets the base', () => {
    const outbox = new PresenceOutbox(true)
    outbox.take([{ clientId: 1, clock: 1, state: ada }])
    expect(outbox.take([{ clientId: 1, clock: 2, state: { ...ada } }]).deltaGroups).toEqual([[{ clientId: 1, clock: 2, steps: 1, changes: [{ key: 'mic', value: true }] }]])
    expect(outbox.take([{ clientId: 1, clock: 3, state: null }])).toEqual({ whole: [{ clientId: 1, clock: 3, state: null }], deltaGroups: [] })
    expect(outbox.take([{ clientId: 1, clock: 4, state: ada }]).whole).toHaveLength(1)
  })

  it('whole where a delta cannot go: no base (forgotten, or re-sent whole at a later clock), a value nested deeper than deltas carry, a delta over the size cap, deltas switched off', () => {
    const outbox = new PresenceOutbox(true)
    outbox.take([{ clientId: 1, clock: 1, state: ada }])
    outbox.forget(1)
    expect(outbox.take([{ clientId: 1, clock: 2, state: { ...ada, mic: false } }]).whole).toHaveLength(1)
    outbox.sentWhole([{ clientId: 1, clock: 5, state: ada }])
    expect(outbox.take([{ clientId: 1, clock: 5, state: ada }]).whole).toHaveLength(1)
    expect(outbox.take([{ clientId: 1, clock: 6, state: { ...ada, pull: nested(31) } }]).whole).toHaveLength(1)
    expect(outbox.take([{ clientId: 1, clock: 7, state: { ...ada, name: 'x'.repeat(5000) } }]).whole).toHaveLength(1)
    const off = new PresenceOutbox(false)
    off.take([{ clientId: 1, clock: 1, state: ada }])
    expect(off.take([{ clientId: 1, clock: 2, state: { ...ada, mic: false } }]).whole).toHaveLength(1)
  })

  it('many clients\' deltas go in groups that each decode within the entry cap', () => {
    const outbox = new PresenceOutbox(true)
    const count = MAX_DELTAS_PER_ENTRY * 2 + 1
    const ids = Array.from({ length: count }, (_, i) => i + 1)
    const big = { ...ada, name: 'y'.repeat(3900) }
    outbox.take(ids.map((clientId) => ({ clientId, clock: 1, state: ada })))
    const { whole, deltaGroups } = outbox.take(ids.map((clientId) => ({ clientId, clock: 2, state: big })))
    expect(whole).toEqual([])
    expect(deltaGroups.map((group) => group.length)).toEqual([MAX_DELTAS_PER_ENTRY, MAX_DELTAS_PER_ENTRY, 1])
    for (const group of deltaGroups) {
      const bytes = encodePresenceDeltas(group)
      expect(bytes.byteLength).toBeLessThanOrEqual(MAX_PRESENCE_ENTRY_BYTES)
      expect(decodePresenceDeltas(bytes).ok).toBe(true)
    }
  })
})
