import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OfficeView } from '../../shared/contract/view'
import { DEFAULT_ROOMS } from '../../shared/model/starter-rooms'
import { openOfflineCore, storageWithTeam } from '../../server/testing/offline-core'
import { VIEW_SNAPSHOT_MAX_CHARS, encodeViewSnapshot } from '../../shared/contract/view-snapshot'
import { VIEW_SNAPSHOT_MAX_AGE_MS, decodeViewSnapshot } from './view-snapshot'

const owner = { teamId: 't1', userId: 'ada' }
const NOW = 1_800_000_000_000

// A real core's view (offline, on a device copy of the team), dressed with what a busy office holds.
let busy: OfficeView
let close: () => Promise<void>
beforeAll(async () => {
  const core = await openOfflineCore(await storageWithTeam('t1', DEFAULT_ROOMS), 't1', 'ada')
  close = () => core.close()
  const view = structuredClone(core.view())
  const roomId = DEFAULT_ROOMS[0]!.id
  view.members.bo = { ...view.members.ada!, id: 'bo', name: 'Bo', online: true, room: roomId }
  view.rooms[roomId]!.occupants = ['bo']
  view.rooms[roomId]!.knocks = [{ user: 'ada', at: NOW }]
  view.me.knock = { room: roomId, at: NOW }
  view.me.pulls = [{ from: 'bo', room: roomId, at: NOW }]
  view.me.lastAnswer = { kind: 'knock', by: 'bo', room: roomId, admit: true, at: NOW }
  view.connection = { state: 'online', detail: null }
  view.discussions = { [roomId]: { messages: [] } }
  busy = view
})
afterAll(() => close())

const encoded = (view: OfficeView = busy, savedAt = NOW) => encodeViewSnapshot(view, savedAt)!
/** The saved text with its JSON changed by `edit`. */
const tampered = (edit: (json: { version: unknown; savedAt: unknown; view: Record<string, unknown> }) => void) => {
  const json = JSON.parse(encoded())
  edit(json)
  return JSON.stringify(json)
}

describe('the office view snapshot', () => {
  it('reads back the rooms, members and my place, as still connecting', () => {
    const read = decodeViewSnapshot(encoded(), owner, NOW + 1000)!
    expect(read.team).toEqual(busy.team)
    expect(read.rooms[DEFAULT_ROOMS[0]!.id]!.occupants).toEqual(['bo'])
    expect(read.members.bo).toEqual(busy.members.bo)
    expect(read.me.userId).toBe('ada')
    expect(read.connection).toEqual({ state: 'connecting', detail: null })
  })

  it('keeps nothing that could act or notify: knocks, invitations, answers, discussions', () => {
    const read = decodeViewSnapshot(encoded(), owner, NOW)!
    expect(read.me).toMatchObject({ knock: null, pull: null, pulls: [], lastAnswer: null, holdsMedia: false, callElsewhere: null })
    expect(Object.values(read.rooms).flatMap((room) => room.knocks)).toEqual([])
    expect(read.discussions).toEqual({})
    expect(read.callMarks).toEqual({})
  })

  it('is not shown to another member or in another team', () => {
    expect(decodeViewSnapshot(encoded(), { teamId: 't1', userId: 'bo' }, NOW)).toBeNull()
    expect(decodeViewSnapshot(encoded(), { teamId: 't2', userId: 'ada' }, NOW)).toBeNull()
  })

  it('ignores nothing saved, garbage, another version and a view off the schema', () => {
    expect(decodeViewSnapshot(null, owner, NOW)).toBeNull()
    expect(decodeViewSnapshot('{oops', owner, NOW)).toBeNull()
    expect(decodeViewSnapshot('null', owner, NOW)).toBeNull()
    expect(decodeViewSnapshot(tampered((json) => (json.version = 2)), owner, NOW)).toBeNull()
    expect(decodeViewSnapshot(tampered((json) => (json.view.members = { bo: { id: 'bo', name: 7 } })), owner, NOW)).toBeNull()
    expect(decodeViewSnapshot(tampered((json) => delete json.view.rooms), owner, NOW)).toBeNull()
    // The untampered text reads, so each null above is the change's doing.
    expect(decodeViewSnapshot(tampered(() => {}), owner, NOW)).not.toBeNull()
  })

  it('ignores a snapshot older than a week or from the future', () => {
    expect(decodeViewSnapshot(encoded(busy, NOW - VIEW_SNAPSHOT_MAX_AGE_MS), owner, NOW)).not.toBeNull()
    expect(decodeViewSnapshot(encoded(busy, NOW - VIEW_SNAPSHOT_MAX_AGE_MS - 1), owner, NOW)).toBeNull()
    expect(decodeViewSnapshot(encoded(busy, NOW + 1), owner, NOW)).toBeNull()
  })

  it('neither saves nor reads a snapshot over the size bound', () => {
    const huge = structuredClone(busy)
    huge.members.bo!.title = 'x'.repeat(VIEW_SNAPSHOT_MAX_CHARS)
    expect(encodeViewSnapshot(huge, NOW)).toBeNull()
    const padded = tampered((json) => (json.view.team = { ...(json.view.team as object), padding: ' '.repeat(VIEW_SNAPSHOT_MAX_CHARS) }))
    expect(padded.length).toBeGreaterThan(VIEW_SNAPSHOT_MAX_CHARS)
    expect(decodeViewSnapshot(padded, owner, NOW)).toBeNull()
  })
})
