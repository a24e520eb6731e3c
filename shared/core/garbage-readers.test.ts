// Any value at any path of a team or discussion document: every reader skips or defaults it (issue 10).
import { describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import * as Y from 'yjs'
import { isValidId } from '../contract/doc-names'
import { traySummarySchema } from '../contract/tray'
import { officeViewSchema, type OfficeView } from '../contract/view'
import { applyPatches, diffView, isPatchableKey } from '../contract/view-patches'
import { Discussion } from '../model/discussion'
import { ModelError } from '../model/errors'
import { migrate } from '../model/migrations'
import { readStatus, setStatus, updateProfile } from '../model/profiles'
import { createRoom, deleteRoom, insidersOf, lockRoom, renameRoom, reorderRooms, setRoomField } from '../model/rooms'
import { seededRandom, type Random } from '../model/seeded-random'
import { DEFAULT_ROOMS } from '../model/starter-rooms'
import { TeamDoc } from '../model/team-doc'
import { writeDiscussionGarbage, writeTeamGarbage } from '../model/testing/doc-garbage'
import { buildOfficeView } from './office-view'
import { initialPresence } from './presence'
import { traySummary } from './tray-summary'

const SEED = Number(process.env.FUZZ_SEED ?? 20261203)
const CASES = 300
const NOW = 1_000_000

/** Rooms and members no garbage is written to: they must read exactly as created. */
const spareRooms = ['standup', 'focus']
const targets = { rooms: ['lobby', 'kitchen', 'extra'], members: ['bob', 'cy'] }

const soundTeam = (() => {
  const team = new TeamDoc(new Y.Doc())
  team.initialise('Acme', 1)
  for (const { id, ...fields } of DEFAULT_ROOMS) team.addRoom(id, fields)
  team.addRoom('extra', { name: 'Extra', kind: 'open', door: 'open', capacity: 0, order: 4 })
  for (const id of ['ada', ...targets.members]) team.ensureMember(id, { name: id.toUpperCase() })
  setStatus(team, 'ada', { text: 'Writing', emoji: 'emoji:coffee', until: null, dnd: false })
  return Y.encodeStateAsUpdate(team.doc)
})()

/** A fresh replica of a sound team: starter rooms plus `extra`, members ada, bob and cy. */
function seededTeam(): TeamDoc {
  const team = new TeamDoc(new Y.Doc())
  Y.applyUpdate(team.doc, soundTeam)
  return team
}

/** Ada is in standup; bob is in kitchen; mallory's awareness names rooms that are inherited object keys. */
function viewOf(team: TeamDoc, discussions: OfficeView['discussions'] = {}): OfficeView {
  const me = { ...initialPresence('ada', 'Ada', 'desktop'), room: 'standup' }
  const states = new Map<number, unknown>([
    [1, me],
    [2, { ...initialPresence('bob', 'Bob', 'web'), room: 'kitchen' }],
    [3, { ...initialPresence('mallory', 'Mallory', 'web'), room: 'toString', knock: { room: 'constructor', at: NOW } }],
    [4, { ...initialPresence('constructor', 'Ctor', 'web'), room: 'hasOwnProperty' }],
  ])
  return buildOfficeView({
    teamId: 'acme', team, me, myClientId: 1, states,
    connection: { state: 'online', detail: null }, lastAnswer: null, discussions,
    callActivity: { roomId: null, members: [] }, role: 'member', now: NOW,
  })
}

/** A command on a garbage-filled document either works or is refused with a message, never a TypeError. */
function refusesCleanly(what: string, run: () => void): void {
  try {
    run()
  } catch (error) {
    if (!(error instanceof ModelError) && !(error instanceof ZodError)) throw new Error(`${what} threw ${String(error)}`)
  }
}

function runModelCommands(team: TeamDoc, random: Random): void {
  const ids = [...targets.rooms, ...team.rooms.keys()].filter((id) => !spareRooms.includes(id))
  const id = ids[Math.floor(random() * ids.length)]!
  refusesCleanly('createRoom', () => createRoom(team, `new${Math.floor(random() * 1e6)}`, { name: 'New', kind: 'open', door: 'open', capacity: 0 }))
  refusesCleanly('renameRoom', () => renameRoom(team, id, 'Renamed'))
  refusesCleanly('setRoomField', () => setRoomField(team, id, 'capacity', 3))
  refusesCleanly('lockRoom', () => lockRoom(team, id, ['ada']))
  refusesCleanly('reorderRooms', () => reorderRooms(team, [...spareRooms, id]))
  refusesCleanly('updateProfile', () => updateProfile(team, targets.members[0]!, { title: 'Tester' }))
  refusesCleanly('setStatus', () => setStatus(team, targets.members[1]!, { text: 'Out', emoji: '', until: null, dnd: true }))
  refusesCleanly('deleteRoom', () => deleteRoom(team, id))
}

describe('a team document with wrong-typed values at every path', () => {
  it(`derives a valid office view, tray and patch stream, keeping the untouched rooms and members (${CASES} seeded cases)`, () => {
    const random = seededRandom(SEED)
    for (let n = 0; n < CASES; n++) {
      const team = seededTeam()
      const before = viewOf(team)
      const paths = Array.from({ length: 1 + Math.floor(random() * 8) }, () => writeTeamGarbage(team.doc, random, targets))
      const at = `case ${n} (${paths.join(', ')})`

      const view = viewOf(team)
      expect(officeViewSchema.safeParse(view).success, at).toBe(true)
      for (const id of spareRooms) expect(view.rooms[id], at).toEqual(before.rooms[id])
      expect(view.members.ada, at).toEqual(before.members.ada)
      team.rooms.forEach((value, id) => {
        expect(id in view.rooms, `${at}: room ${id}`).toBe(value instanceof Y.Map && isValidId(id) && isPatchableKey(id))
      })
      expect(Object.keys(view.members).every((id) => isValidId(id) && isPatchableKey(id)), at).toBe(true)

      const mirror: Record<string, unknown> = structuredClone(before) as unknown as Record<string, unknown>
      applyPatches(mirror, diffView(before, view))
      expect(mirror, at).toEqual(structuredClone(view))
      expect(traySummarySchema.safeParse(traySummary(view)).success, at).toBe(true)
    }
  })

  it('reads every key of every map with the model readers, and migrates, without throwing', () => {
    const random = seededRandom(SEED + 1)
    for (let n = 0; n < CASES; n++) {
      const team = seededTeam()
      const paths = Array.from({ length: 1 + Math.floor(random() * 8) }, () => writeTeamGarbage(team.doc, random, targets))
      const at = `case ${n} (${paths.join(', ')})`
      for (const key of team.rooms.keys()) {
        expect(() => [team.room(key), insidersOf(team, key)], at).not.toThrow()
      }
      for (const key of [...team.members.keys(), ...team.statuses.keys()]) {
        expect(() => [team.member(key), readStatus(team, key, NOW)], at).not.toThrow()
      }
      expect(typeof team.teamName(), at).toBe('string')
      expect(team.roomIds(), at).toEqual(expect.arrayContaining(spareRooms))

      const copy = new TeamDoc(new Y.Doc())
      Y.applyUpdate(copy.doc, Y.encodeStateAsUpdate(team.doc))
      copy.meta.delete('schemaVersion')
      expect(migrate(copy), at).toEqual({ from: 0, to: 1 })
      expect(copy.room('standup'), at).toEqual(team.room('standup'))
    }
  })

  it('refuses commands on broken rooms and profiles with a message, and carries them out on sound ones', () => {
    const random = seededRandom(SEED + 2)
    for (let n = 0; n < CASES; n++) {
      const team = seededTeam()
      for (let i = 1 + Math.floor(random() * 8); i > 0; i--) writeTeamGarbage(team.doc, random, targets)
      runModelCommands(team, random)
      renameRoom(team, 'standup', 'Daily')
      setStatus(team, 'ada', { text: 'Back', emoji: '', until: null, dnd: false })
      expect(team.room('standup')?.name).toBe('Daily')
      expect(readStatus(team, 'ada', NOW)?.text).toBe('Back')
    }
  })
})

describe('a discussion document with wrong-typed values at every path', () => {
  it(`lists only well-formed messages, keeps the sound ones, and lets their authors edit and delete (${CASES} seeded cases)`, () => {
    const random = seededRandom(SEED + 3)
    for (let n = 0; n < CASES; n++) {
      const discussion = new Discussion(new Y.Doc())
      discussion.post('m-ada', 'ada', 'Hello', 10)
      const paths = Array.from({ length: 1 + Math.floor(random() * 8) }, () => writeDiscussionGarbage(discussion.doc, random))
      const at = `case ${n} (${paths.join(', ')})`

      const messages = discussion.list()
      const view = viewOf(seededTeam(), { standup: { messages: messages.map((m) => ({ ...m, delivery: 'sent' as const })) } })
      expect(officeViewSchema.safeParse(view).success, at).toBe(true)
      expect(messages.find((m) => m.id === 'm-ada'), at).toEqual({ id: 'm-ada', author: 'ada', text: 'Hello', at: 10, edited: null, preview: null, mentions: [] })

      refusesCleanly('edit a garbage message', () => discussion.edit(messages.at(-1)!.id, 'ada', 'mine now', 11))
      refusesCleanly('remove a missing message', () => discussion.remove('k1', 'ada'))
      discussion.edit('m-ada', 'ada', 'Hello again', 12)
      discussion.post('m-ada-2', 'ada', 'Still here', 13)
      discussion.remove('m-ada', 'ada')
      expect(discussion.list().filter((m) => m.author === 'ada').map((m) => m.text), at).toEqual(['Still here'])
    }
  })
})
