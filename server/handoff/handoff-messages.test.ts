import { describe, expect, it } from 'vitest'
import { isReady, readToWorker } from './handoff-messages'

const claims = { sub: 'ada', team: 't1', role: 'member', name: 'Ada', exp: 2_000_000_000 }
const member = { kind: 'member', key: 3, doc: 'team/t1', claims, presenceDeltas: true, readMarkers: false, head: 'gQ==' }
const doc = { kind: 'doc', name: 'team/t1', stateVector: 'AA==', states: [{ clientId: 7, clock: 2, state: { user: 'ada' }, owner: 3 }, { clientId: 8, clock: 1, state: null, owner: null }], members: 1 }

describe('hand-over messages, as a successor reads them', () => {
  it('reads every kind the process before sends, keeping only the fields it knows', () => {
    expect(readToWorker({ kind: 'listen' })).toEqual({ kind: 'listen' })
    expect(readToWorker(doc)).toEqual(doc)
    expect(readToWorker({ ...member, extra: 'dropped' })).toEqual(member)
    expect(readToWorker({ kind: 'handed', docs: 1, members: 1, reconnecting: 0 })).toEqual({ kind: 'handed', docs: 1, members: 1, reconnecting: 0 })
    expect(isReady({ kind: 'ready' })).toBe(true)
    expect(isReady({ kind: 'listen' })).toBe(false)
  })

  it('refuses what it cannot read whole rather than misreading it: another shape, a bad token claim, a bad socket head', () => {
    for (const value of [
      null,
      'listen',
      { kind: 'hand-over' },
      { ...member, claims: { ...claims, role: 'owner-of-everything' } },
      { ...member, claims: { ...claims, exp: undefined } },
      { ...member, key: -1 },
      { ...member, head: 'not base64!' },
      { ...member, presenceDeltas: 'yes' },
      { ...doc, states: [{ clientId: -7, clock: 2, state: {}, owner: null }] },
      { ...doc, states: [{ clientId: 7, clock: 2, state: {}, owner: 'ada' }] },
      { ...doc, members: 1.5 },
      { ...doc, name: '' },
      { ...doc, name: 'team/t1/../../etc' },
      { ...member, doc: 'not-a-document' },
      // A token for team t1 on team t2's document: admission refuses it, so does the successor.
      { ...member, doc: 'team/t2' },
      { kind: 'handed', docs: 1, members: 1 },
    ]) {
      expect(readToWorker(value), JSON.stringify(value)).toBeNull()
    }
  })
})
