import { describe, expect, it } from 'vitest'
import { encodePresenceDeltas } from '../shared/contract/presence-delta'
import { encodeAwarenessEntries } from '../shared/contract/awareness-update'
import { encodeAwareness } from '../server/sync/protocol'
import { foreignTouches, hopsOf, latencySummary, micReceipts, micRenders, micSightingsOf, pairReceipts, type RenderBatch } from './office-pairing'

const writers = new Map([
  [7, 'load-1'],
  [8, 'load-2'],
])
const whole = (clientId: number, clock: number, mic: boolean) => encodeAwareness(encodeAwarenessEntries([{ clientId, clock, state: { user: 'u', mic } }]))
const delta = (clientId: number, clock: number, mic: boolean) => encodePresenceDeltas([{ clientId, clock, steps: 1, changes: [{ key: 'mic', value: mic }] }])

describe('micReceipts', () => {
  it('takes every writer mic delta, including several clients batched in one frame, and skips other clients', () => {
    const batched = encodePresenceDeltas([
      { clientId: 7, clock: 2, steps: 1, changes: [{ key: 'mic', value: true }] },
      { clientId: 8, clock: 5, steps: 1, changes: [{ key: 'mic', value: false }] },
      { clientId: 99, clock: 3, steps: 1, changes: [{ key: 'mic', value: true }] },
    ])
    expect(micReceipts([{ at: 10, bytes: batched }], writers)).toEqual([
      { member: 'load-1', mic: true, at: 10 },
      { member: 'load-2', mic: false, at: 10 },
    ])
  })

  it('counts a whole state only when its mic differs from the last one seen (a renewal is not a change)', () => {
    const frames = [
      { at: 1, bytes: whole(7, 1, false) },
      { at: 2, bytes: whole(7, 2, false) },
      { at: 3, bytes: whole(7, 3, true) },
      { at: 4, bytes: delta(7, 4, false) },
    ]
    expect(micReceipts(frames, writers)).toEqual([
      { member: 'load-1', mic: true, at: 3 },
      { member: 'load-1', mic: false, at: 4 },
    ])
  })

  it('ignores deltas without mic, sync messages and bytes that do not decode', () => {
    const roomOnly = encodePresenceDeltas([{ clientId: 7, clock: 2, steps: 1, changes: [{ key: 'room', value: 'kitchen' }] }])
    const frames = [roomOnly, Uint8Array.of(0, 0, 1, 0), Uint8Array.of(100, 200)].map((bytes, at) => ({ at, bytes }))
    expect(micReceipts(frames, writers)).toEqual([])
  })
})

describe('pairReceipts', () => {
  const batch = (at: number, ...records: RenderBatch['records']): RenderBatch => ({ at, records })

  it('pairs each receipt with the first rewrite of that member to that mic value after it', () => {
    const receipts = [
      { member: 'load-1', mic: true, at: 100 },
      { member: 'load-2', mic: true, at: 105 },
      { member: 'load-1', mic: false, at: 200 },
    ]
    const batches = [
      batch(108, { member: 'load-2', mic: true, what: 'data-mic' }),
      batch(103, { member: 'load-1', mic: true, what: 'data-mic' }, { member: 'load-1', mic: true, what: 'data-mic' }),
      batch(204, { member: 'load-1', mic: false, what: 'data-mic' }),
    ]
    expect(pairReceipts(receipts, batches)).toEqual({
      latencies: [3, 3, 4],
      paired: [
        { member: 'load-1', mic: true, at: 100, domAt: 103 },
        { member: 'load-2', mic: true, at: 105, domAt: 108 },
        { member: 'load-1', mic: false, at: 200, domAt: 204 },
      ],
      unpaired: 0,
    })
  })

  it('leaves unpaired a receipt whose rewrite is missing, has the wrong value, came before it or after the next receipt', () => {
    const receipts = [
      { member: 'load-1', mic: true, at: 100 },
      { member: 'load-1', mic: false, at: 200 },
      { member: 'load-1', mic: true, at: 300 },
      { member: 'load-2', mic: true, at: 100 },
    ]
    const batches = [
      batch(90, { member: 'load-2', mic: true, what: 'data-mic' }),
      batch(150, { member: 'load-1', mic: false, what: 'data-mic' }),
      batch(250, { member: 'load-1', mic: true, what: 'data-mic' }),
    ]
    expect(pairReceipts(receipts, batches)).toEqual({ latencies: [], paired: [], unpaired: 4 })
  })
})

describe('hopsOf', () => {
  const change = { member: 'load-1', mic: true, at: 100, domAt: 112 }

  it('splits a change into core, transfer and page time at the first sighting of its mic value after each hop', () => {
    const posted = [
      { member: 'load-1', mic: true, at: 95 },
      { member: 'load-2', mic: true, at: 101 },
      { member: 'load-1', mic: false, at: 102 },
      { member: 'load-1', mic: true, at: 104 },
    ]
    const read = [
      { member: 'load-1', mic: true, at: 103 },
      { member: 'load-1', mic: true, at: 109 },
    ]
    expect(hopsOf([change], posted, read)).toEqual([{ core: 4, transfer: 5, page: 3 }])
  })

  it('leaves out a change whose patch was not seen at a hop before its DOM rewrite', () => {
    const posted = [{ member: 'load-1', mic: true, at: 104 }]
    expect(hopsOf([change], posted, [])).toEqual([])
    expect(hopsOf([change], posted, [{ member: 'load-1', mic: true, at: 113 }])).toEqual([])
    expect(hopsOf([change], [], [{ member: 'load-1', mic: true, at: 109 }])).toEqual([])
  })
})

describe('micSightingsOf', () => {
  it("takes the mic values a patch sets, and nothing from other paths, other messages or off-shape ops", () => {
    const patch = {
      type: 'patch',
      ops: [
        { op: 'set', path: ['members', 'load-1', 'mic'], value: true },
        { op: 'set', path: ['members', 'load-2', 'cam'], value: true },
        { op: 'del', path: ['members', 'load-3', 'mic'] },
        { op: 'set', path: ['members', 'load-4', 'mic'], value: 'yes' },
        { op: 'set', path: ['rooms', 'load-5', 'mic'], value: false },
      ],
    }
    expect(micSightingsOf(patch, 7)).toEqual([{ member: 'load-1', mic: true, at: 7 }])
    expect(micSightingsOf({ type: 'snapshot', ops: patch.ops }, 7)).toEqual([])
    expect(micSightingsOf(null, 7)).toEqual([])
  })
})

describe('foreignTouches', () => {
  it("reports, in renders that rewrote a mic, records outside the changed members' faces, and ignores renders without one", () => {
    const own = { member: 'load-1', what: 'attributes title' }
    const otherFace = { member: 'load-9', what: 'attributes title' }
    const noFace = { member: null, what: 'childList SECTION' }
    const batches: RenderBatch[] = [
      { at: 1, records: [{ member: 'load-1', mic: true, what: 'attributes data-mic' }, own, otherFace, noFace] },
      { at: 2, records: [otherFace, noFace] },
    ]
    expect(foreignTouches(batches)).toEqual([otherFace, noFace])
    expect(micRenders(batches)).toEqual([batches[0]])
  })
})

describe('latencySummary', () => {
  it('gives nearest-rank p50 and p99 and the maximum, and NaN (not 0) when nothing was paired', () => {
    const values = Array.from({ length: 200 }, (_, i) => 200 - i)
    expect(latencySummary(values)).toEqual({ p50: 100, p99: 198, max: 200 })
    expect(latencySummary([])).toEqual({ p50: NaN, p99: NaN, max: NaN })
  })
})
