import { describe, expect, it } from 'vitest'
import { seededRandom } from '../model/seeded-random'
import { applyPresenceChanges, decodePresenceDeltas, diffPresence, encodePresenceDeltas, type PresenceDelta } from './presence-delta'

const me = {
  user: 'ada', name: 'Ada', device: 'desktop', room: 'lobby', mic: false, cam: false, screen: false,
  idleSince: null, mediaEpoch: 3, knock: null, pull: null, replies: [],
}

/** What a peer reading the standard awareness message gets for a state. */
const overJson = (state: unknown) => JSON.parse(JSON.stringify(state)) as unknown

function roundTrip(deltas: PresenceDelta[]): PresenceDelta[] {
  const decoded = decodePresenceDeltas(encodePresenceDeltas(deltas))
  if (!decoded.ok) throw new Error(decoded.error)
  return decoded.deltas
}

describe('presence delta', () => {
  it('carries only the changed field: a mic toggle is a few bytes, a walk to a 20-character room id under 40', () => {
    const mic = { clientId: 2 ** 32 - 1, clock: 9000, steps: 1, changes: diffPresence(me, { ...me, mic: true })! }
    expect(mic.changes).toEqual([{ key: 'mic', value: true }])
    // type 1, count 1, client id 5, clock 2, steps 1, field count 1, field 1, value 1
    expect(encodePresenceDeltas([mic]).byteLength).toBe(13)
    const walk = diffPresence(me, { ...me, room: 'a1b2c3d4e5f6a7b8c9d0', mic: true, mediaEpoch: 4 })!
    expect(encodePresenceDeltas([{ ...mic, changes: walk }]).byteLength).toBeLessThan(40)
  })

  it('rebuilds on the earlier state exactly what the standard awareness message delivers', () => {
    const after = { ...me, room: null, idleSince: 1_700_000_000_123.5, knock: { room: 'kitchen', at: 5 }, extra: 'ü✓', replies: [{ to: 'bob', room: 'k', admit: true, at: -0 }] }
    const { name: _dropped, ...withoutName } = after
    for (const next of [after, withoutName, { ...me, mediaEpoch: -7, idleSince: Number.NaN }]) {
      const [delta] = roundTrip([{ clientId: 1, clock: 2, steps: 1, changes: diffPresence(me, next)! }])
      expect(applyPresenceChanges(overJson(me) as Record<string, unknown>, delta!.changes)).toEqual(overJson(next))
    }
  })

  it('round-trips several clients in one message, with clocks that moved more than one step', () => {
    const deltas = [
      { clientId: 0, clock: 5, steps: 5, changes: [{ key: 'mic', value: true }] },
      { clientId: 123_456_789, clock: 2 ** 40, steps: 3, changes: [{ key: 'custom', value: { deep: [1, 'two'] } }, { key: 'cam', value: undefined }] },
    ]
    expect(roundTrip(deltas)).toEqual(deltas)
  })

  it('cannot express a change from or to something other than an object (left or joined): the caller sends it whole', () => {
    expect(diffPresence(null, me)).toBeNull()
    expect(diffPresence(me, null)).toBeNull()
    expect(diffPresence(me, [1])).toBeNull()
  })

  it.each([
    ['another message type', [1, 1, 0]],
    ['no clients', [100, 0]],
    ['a clock that does not move', [100, 1, 7, 3, 0, 1, 0, 3]],
    ['steps past the clock', [100, 1, 7, 3, 4, 1, 0, 3]],
    ['no fields', [100, 1, 7, 3, 1, 0]],
    ['one client named twice', [100, 2, 7, 3, 1, 1, 0, 3, 7, 4, 1, 1, 0, 2]],
    ['an unknown field number', [100, 1, 7, 3, 1, 1, 13, 3]],
    ['a known field spelled out', [100, 1, 7, 3, 1, 1, 12, 3, 0x6d, 0x69, 0x63, 3]],
    ['a prototype key', [100, 1, 7, 3, 1, 1, 12, 9, ...new TextEncoder().encode('__proto__'), 3]],
    ['a field changed twice', [100, 1, 7, 3, 1, 2, 0, 3, 0, 2]],
    ['an unknown value tag', [100, 1, 7, 3, 1, 1, 0, 8]],
    ['a string that is not UTF-8', [100, 1, 7, 3, 1, 1, 1, 6, 2, 0xc3, 0x28]],
    ['a JSON field holding a scalar', [100, 1, 7, 3, 1, 1, 6, 7, 1, 0x31]],
    ['a float that is an integer', [100, 1, 7, 3, 1, 1, 4, 5, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0]],
    ['bytes after the last delta', [100, 1, 7, 3, 1, 1, 0, 3, 0]],
    ['a truncated message', [100, 1, 7, 3, 1, 1, 1, 6, 20, 0x61]],
    ['a varuint past 2^53', [100, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]],
  ])('refuses %s with a reason', (_what, bytes) => {
    const decoded = decodePresenceDeltas(new Uint8Array(bytes))
    expect(decoded.ok).toBe(false)
    if (!decoded.ok) expect(decoded.error.length).toBeGreaterThan(0)
  })

  it('refuses JSON nested deeper than a state may be', () => {
    const deep = '['.repeat(40) + ']'.repeat(40)
    const bytes = encodePresenceDeltas([{ clientId: 1, clock: 1, steps: 1, changes: [{ key: 'knock', value: JSON.parse(deep) as [] }] }])
    expect(decodePresenceDeltas(bytes)).toEqual({ ok: false, error: 'a JSON field nests too deeply' })
  })

  it('is total: random bytes and damaged messages decode to deltas or a refusal, never a throw, and what decodes re-encodes the same', () => {
    const random = seededRandom(14)
    const valid = encodePresenceDeltas([
      { clientId: 3_000_000_001, clock: 700, steps: 2, changes: diffPresence(me, { ...me, room: 'kitchen', mic: true, knock: { room: 'x', at: 1.5 }, idleSince: 17 })! },
    ])
    let decodedSome = 0
    for (let i = 0; i < 20_000; i++) {
      const bytes = i % 2 === 0 ? Uint8Array.from({ length: 1 + Math.floor(random() * 40) }, () => Math.floor(random() * 256)) : valid.slice(0, 1 + Math.floor(random() * valid.byteLength))
      if (i % 2 === 1 && random() < 0.5) bytes[Math.floor(random() * bytes.byteLength)] = Math.floor(random() * 256)
      if (i % 4 === 0) bytes[0] = 100
      const decoded = decodePresenceDeltas(bytes)
      if (!decoded.ok) continue
      decodedSome++
      expect(decodePresenceDeltas(encodePresenceDeltas(decoded.deltas))).toEqual(decoded)
    }
    expect(decodedSome).toBeGreaterThan(0)
  })
})
