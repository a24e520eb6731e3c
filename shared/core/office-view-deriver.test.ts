import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { patchRefusal } from '../contract/view-patch-check'
import { applyPatches, diffView } from '../contract/view-patches'
import { setStatus } from '../model/profiles'
import { seededRandom, type Random } from '../model/seeded-random'
import { TeamDoc } from '../model/team-doc'
import { buildOfficeView, type ViewInputs } from './office-view'
import { OfficeViewDeriver } from './office-view-deriver'
import { initialPresence, KNOCK_TTL_MS, type PresenceState } from './presence'

const NOW = 10_000_000
const ME = 1
const ROOMS = ['a', 'b', 'c', 'd']
const MEMBERS = Array.from({ length: 12 }, (_, i) => `m${i}`)
/** Members with devices online whom the document does not know (yet). */
const STRANGERS = ['ghost1', 'ghost2']

function seededTeam(): TeamDoc {
  const team = new TeamDoc(new Y.Doc())
  team.initialise('Acme', 1)
  ROOMS.forEach((id, order) => team.addRoom(id, { name: id.toUpperCase(), kind: 'open', door: 'open', capacity: 0, order }))
  for (const id of ['me', ...MEMBERS]) team.ensureMember(id, { name: id })
  setStatus(team, 'm1', { text: 'Lunch', emoji: '', until: null, dnd: false })
  return team
}

function inputsOf(team: TeamDoc, states: Map<number, unknown>, me: PresenceState): ViewInputs {
  return {
    teamId: 't',
    team,
    me,
    myClientId: ME,
    states,
    connection: { state: 'online', detail: null },
    lastAnswer: null,
    discussions: {},
    callActivity: { roomId: 'a', members: [{ userId: 'm0', speaking: true, quality: 'good' }] },
    role: 'member',
    now: NOW,
  }
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!

/** Any state a client may hold: valid ones in every shape the view reads (rooms known and not, knocks, invitations), or garbage. */
function randomState(random: Random): unknown {
  if (random() < 0.08) return { user: 42, garbage: true }
  const user = pick(random, [...MEMBERS, ...STRANGERS, 'me'])
  const at = NOW - Math.floor(random() * 2 * KNOCK_TTL_MS)
  return {
    ...initialPresence(user, `${user} name`, 'web'),
    room: pick(random, [...ROOMS, 'nowhere', null, null]),
    mic: random() < 0.5,
    cam: random() < 0.3,
    screen: random() < 0.2,
    idleSince: random() < 0.2 ? NOW - 1 : null,
    mediaEpoch: Math.floor(random() * 3),
    knock: random() < 0.3 ? { room: pick(random, ROOMS), at } : null,
    pull: random() < 0.2 ? { to: pick(random, ['me', 'm2']), room: pick(random, ROOMS), at } : null,
  }
}

describe('OfficeViewDeriver', () => {
  it('derives, change after change, the same view a full build gives, and patches that rebuild it and fit the view schema (seeded random presence)', () => {
    const random = seededRandom(12)
    const team = seededTeam()
    let me: PresenceState = { ...initialPresence('me', 'Me', 'web'), room: 'a' }
    const states = new Map<number, unknown>([[ME, me]])
    for (let client = 2; client < 30; client++) states.set(client, randomState(random))
    const deriver = new OfficeViewDeriver()
    let view = deriver.full(inputsOf(team, states, me))
    for (let step = 0; step < 400; step++) {
      const changed: number[] = []
      for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
        const client = 2 + Math.floor(random() * 34)
        const what = random()
        if (what < 0.15) states.delete(client)
        else if (what < 0.25) {
          // My own device: I move, mute, knock; its state is `me`.
          me = { ...me, room: pick(random, [...ROOMS, null]), mic: random() < 0.5, knock: random() < 0.3 ? { room: pick(random, ROOMS), at: NOW - 5 } : null }
          states.set(ME, me)
          changed.push(ME)
          continue
        } else states.set(client, randomState(random))
        changed.push(client)
      }
      const inputs = inputsOf(team, states, me)
      const next = deriver.presenceChanged(inputs, changed)
      const full = buildOfficeView(inputs)
      expect(next, `step ${step}`).toEqual(full)
      const mirror = structuredClone(view) as unknown as Record<string, unknown>
      const ops = diffView(view, next)
      // The view's check of patch values (view-patch-check.ts) refuses none the core makes.
      for (const op of ops) expect(patchRefusal(op), `step ${step}`).toBeNull()
      applyPatches(mirror, ops)
      expect(mirror, `step ${step}`).toEqual(structuredClone(full))
      view = next
    }
  })

  it('patches only the member who muted, and keeps every other member and room the same object', () => {
    const team = seededTeam()
    const me = initialPresence('me', 'Me', 'web')
    const states = new Map<number, unknown>([
      [ME, me],
      [2, { ...initialPresence('m0', 'm0', 'web'), room: 'a' }],
      [3, { ...initialPresence('m1', 'm1', 'web'), room: 'a' }],
    ])
    const deriver = new OfficeViewDeriver()
    const before = deriver.full(inputsOf(team, states, me))
    states.set(2, { ...initialPresence('m0', 'm0', 'web'), room: 'a', mic: true })
    const after = deriver.presenceChanged(inputsOf(team, states, me), [2])
    expect(diffView(before, after)).toEqual([{ op: 'set', path: ['members', 'm0', 'mic'], value: true }])
    for (const id of ['m1', 'm2']) expect(after.members[id]).toBe(before.members[id])
    for (const id of ROOMS) expect(after.rooms[id]).toBe(before.rooms[id])
  })

  it('moves a member between rooms: both rooms get new occupants, the others stay the same object', () => {
    const team = seededTeam()
    const me = initialPresence('me', 'Me', 'web')
    const states = new Map<number, unknown>([[ME, me], [2, { ...initialPresence('m0', 'm0', 'web'), room: 'a' }]])
    const deriver = new OfficeViewDeriver()
    const before = deriver.full(inputsOf(team, states, me))
    states.set(2, { ...initialPresence('m0', 'm0', 'web'), room: 'b' })
    const after = deriver.presenceChanged(inputsOf(team, states, me), [2])
    expect([after.rooms.a!.occupants, after.rooms.b!.occupants]).toEqual([[], ['m0']])
    expect(after.rooms.c).toBe(before.rooms.c)
    expect(after.members.m0).toMatchObject({ online: true, room: 'b' })
  })

  it('builds afresh from states of another awareness (the last-seen ones while offline) or another document', () => {
    const team = seededTeam()
    const me = initialPresence('me', 'Me', 'web')
    const live = new Map<number, unknown>([[ME, me], [2, { ...initialPresence('m0', 'm0', 'web'), room: 'a' }]])
    const deriver = new OfficeViewDeriver()
    deriver.full(inputsOf(team, live, me))
    const lastSeen = new Map<number, unknown>([[ME, me], [3, { ...initialPresence('m1', 'm1', 'web'), room: 'b' }]])
    expect(deriver.presenceChanged(inputsOf(team, lastSeen, me), [])).toEqual(buildOfficeView(inputsOf(team, lastSeen, me)))
    const otherTeam = seededTeam()
    otherTeam.addRoom('e', { name: 'E', kind: 'open', door: 'open', capacity: 0, order: 9 })
    expect(deriver.presenceChanged(inputsOf(otherTeam, lastSeen, me), []).rooms.e).toBeDefined()
  })
})
