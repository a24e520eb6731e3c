// Write-rules benchmark (issue 10): what the server spends checking an update against the rules
// before applying it, on a seeded team document, next to what applying it costs anyway.
import * as Y from 'yjs'
import { Discussion } from '../shared/model/discussion'
import { setStatus, updateProfile } from '../shared/model/profiles'
import { createRoom, renameRoom, setRoomField } from '../shared/model/rooms'
import type { Role } from '../shared/model/schema'
import { TeamDoc } from '../shared/model/team-doc'
import { checkUpdate, type DocRules } from '../server/sync/rule-check'
import type { Figure } from './presence'

const MEMBERS = 200
const ROOMS = 50
const UPDATES = 4000
/** Leading updates not counted: the document and caches settle. */
const WARMUP = 400

interface Sample {
  rules: DocRules
  update: Uint8Array
  writer: { userId: string; role: Role; inRoom: string | null }
}

function seededTeam(): TeamDoc {
  const team = new TeamDoc(new Y.Doc())
  team.initialise('Bench Co', 1)
  for (let r = 0; r < ROOMS; r++) createRoom(team, `room-${r}`, { name: `Room ${r}`, kind: 'open', door: 'open', capacity: 0 })
  for (let m = 0; m < MEMBERS; m++) team.ensureMember(`user-${m}`, { name: `Member ${m}`, title: 'Engineer', timezone: 'Europe/Berlin' })
  return team
}

/** A day's mix of writes, each one update made on a member's own replica (as the core makes them). */
function updateMix(server: { team: Y.Doc; chat: Y.Doc }): Sample[] {
  const team = new TeamDoc(new Y.Doc())
  Y.applyUpdate(team.doc, Y.encodeStateAsUpdate(server.team))
  const chat = new Discussion(new Y.Doc())
  Y.applyUpdate(chat.doc, Y.encodeStateAsUpdate(server.chat))
  const samples: Sample[] = []
  const capture = (rules: DocRules, doc: Y.Doc, writer: Sample['writer'], write: () => void) => {
    const made: Uint8Array[] = []
    const onUpdate = (update: Uint8Array) => made.push(update)
    doc.on('update', onUpdate)
    write()
    doc.off('update', onUpdate)
    samples.push({ rules, update: Y.mergeUpdates(made), writer })
  }
  for (let i = 0; i < UPDATES; i++) {
    const userId = `user-${i % MEMBERS}`
    const room = `room-${i % ROOMS}`
    const member = { userId, role: 'member' as const, inRoom: room }
    const admin = { userId: 'user-0', role: 'admin' as const, inRoom: null }
    const roll = i % 20
    if (roll < 8) capture('team', team.doc, member, () => setStatus(team, userId, { text: `status ${i}`, emoji: '', until: null, dnd: i % 2 === 0 }))
    else if (roll < 11) capture('team', team.doc, member, () => updateProfile(team, userId, { title: `Title ${i}` }))
    else if (roll < 14) capture('team', team.doc, member, () => setRoomField(team, room, 'door', i % 2 ? 'closed' : 'open'))
    else if (roll < 15) capture('team', team.doc, admin, () => renameRoom(team, room, `Room ${i}`))
    else if (roll < 16) capture('team', team.doc, admin, () => createRoom(team, `new-${i}`, { name: `New ${i}`, kind: 'meeting', door: 'open', capacity: 8 }))
    else capture('discussion', chat.doc, member, () => chat.post(`m${i}`, userId, `message ${i}`, i))
  }
  return samples
}

/** The whole run twice: the first warms the JIT up (the server runs warm). */
export function runRulesBench(): Figure[] {
  measure()
  return measure()
}

function measure(): Figure[] {
  const team = seededTeam()
  const chat = new Discussion(new Y.Doc())
  for (let i = 0; i < 500; i++) chat.post(`seed-${i}`, `user-${i % MEMBERS}`, `seed message ${i}`, i)
  const samples = updateMix({ team: team.doc, chat: chat.doc })
  const nobodyAround = { roomOccupied: () => false }
  let checkMs = 0
  let applyMs = 0
  let refused = 0
  samples.forEach((sample, index) => {
    const doc = sample.rules === 'team' ? team.doc : chat.doc
    const decoded = Y.decodeUpdate(sample.update)
    const checkStart = performance.now()
    const verdict = checkUpdate(doc, sample.rules, decoded, sample.writer, nobodyAround)
    const checked = performance.now()
    Y.applyUpdate(doc, sample.update)
    const applied = performance.now()
    if (!verdict.ok) refused++
    if (index < WARMUP) return
    checkMs += checked - checkStart
    applyMs += applied - checked
  })
  if (refused > 0) throw new Error(`the rules refused ${refused} honest updates of the bench mix`)
  const counted = samples.length - WARMUP

  // A reconnect: a replica's whole state as sync step 2, all of it already known to the server.
  const resync = Y.decodeUpdate(Y.encodeStateAsUpdate(team.doc))
  const resyncStart = performance.now()
  for (let i = 0; i < 20; i++) checkUpdate(team.doc, 'team', resync, { userId: 'user-1', role: 'member', inRoom: null }, nobodyAround)
  const resyncMs = (performance.now() - resyncStart) / 20

  const round = (value: number) => Math.round(value * 10) / 10
  return [
    {
      name: `rules check per update (mix of status, profile, door, rename, new room, message; ${MEMBERS} members, ${ROOMS} rooms)`,
      value: round((checkMs * 1000) / counted),
      unit: 'µs',
      baseline: { name: 'Y.applyUpdate of the same update', value: round((applyMs * 1000) / counted) },
    },
    {
      name: `rules check of a reconnect's sync step 2 (whole state, ${Y.encodeStateAsUpdate(team.doc).byteLength} bytes, nothing new)`,
      value: round(resyncMs * 1000),
      unit: 'µs',
    },
  ]
}
