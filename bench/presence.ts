// Presence model benchmark (issue 4): bytes on the wire per change against the "whole member as
// one JSON object" baseline, patches per remote change, core open time and memory at team scale.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { refusedUrl, unsignedToken } from '../server/testing/harness'
import * as Y from 'yjs'
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import { teamDocName, chatDocName } from '../shared/contract/doc-names'
import { Discussion } from '../shared/model/discussion'
import { createRoom, renameRoom } from '../shared/model/rooms'
import { TeamDoc } from '../shared/model/team-doc'
import { PresenceCore } from '../shared/core/engine'
import type { SocketConstructor } from '../shared/core/jittered-socket'
import { buildOfficeView } from '../shared/core/office-view'
import { diffView } from '../shared/contract/view-patches'
import { initialPresence, type PresenceState } from '../shared/core/presence'
import { FileStorage } from '../electron/core-process/file-store'

export interface Figure {
  name: string
  value: number
  unit: string
  baseline?: { name: string; value: number }
}

/** One sync or awareness message as y-websocket frames it: type byte + varuint length + payload. */
function framed(payload: Uint8Array): number {
  let lengthBytes = 1
  for (let n = payload.length; n >= 0x80; n >>>= 7) lengthBytes++
  return 1 + lengthBytes + payload.length
}

function updateBytes(doc: Y.Doc, write: () => void): number {
  let bytes = 0
  const onUpdate = (update: Uint8Array) => (bytes += framed(update))
  doc.on('update', onUpdate)
  write()
  doc.off('update', onUpdate)
  return bytes
}

function bigTeam(members: number, rooms: number): TeamDoc {
  const team = new TeamDoc(new Y.Doc())
  team.initialise('Bench Co', 1)
  for (let r = 0; r < rooms; r++) createRoom(team, `room-${r}`, { name: `Room ${r}`, kind: 'open', door: 'open', capacity: 0 })
  for (let m = 0; m < members; m++) team.ensureMember(`user-${m}`, { name: `Member ${m}`, title: 'Engineer', timezone: 'Europe/Berlin' })
  return team
}

function wireFigures(): Figure[] {
  const doc = new Y.Doc()
  const awareness = new Awareness(doc)
  const me: PresenceState = { ...initialPresence('user-42', 'Member 42', 'desktop'), room: 'room-1', mic: true }
  awareness.setLocalState(me)
  const awarenessBytes = (next: PresenceState) => {
    awareness.setLocalState(next)
    return framed(encodeAwarenessUpdate(awareness, [doc.clientID]))
  }
  const micToggle = awarenessBytes({ ...me, mic: false })
  const combo = awarenessBytes({ ...me, room: 'room-2', mic: true, mediaEpoch: 1 })
  // Its renewal timer would keep `npm run bench` from exiting.
  awareness.destroy()

  // Baseline: the whole member (profile, status, presence) as one JSON object rewritten per change.
  const wholeMember = {
    id: 'user-42', name: 'Member 42', avatar: 'sprite:7', title: 'Engineer', timezone: 'Europe/Berlin', role: 'member',
    status: { text: 'Heads down until lunch', emoji: 'emoji:headphones', until: 1_800_000_000_000, dnd: false },
    room: 'room-1', mic: true, cam: false, screen: false, idleSince: null, mediaEpoch: 0, device: 'desktop',
  }
  const baselineDoc = new Y.Doc()
  const baselineMembers = baselineDoc.getMap('members')
  baselineMembers.set('user-42', wholeMember)
  const baselineMic = updateBytes(baselineDoc, () => baselineMembers.set('user-42', { ...wholeMember, mic: false }))
  const baselineCombo = updateBytes(baselineDoc, () => baselineMembers.set('user-42', { ...wholeMember, room: 'room-2', mic: true }))

  const team = bigTeam(1, 2)
  const rename = updateBytes(team.doc, () => renameRoom(team, 'room-1', 'Renamed room'))
  const baselineRoomDoc = new Y.Doc()
  const roomsMap = baselineRoomDoc.getMap('rooms')
  roomsMap.set('room-1', { name: 'Room 1', kind: 'open', door: 'open', capacity: 0, order: 1 })
  const baselineRename = updateBytes(baselineRoomDoc, () => roomsMap.set('room-1', { name: 'Renamed room', kind: 'open', door: 'open', capacity: 0, order: 1 }))
  return [
    { name: 'bytes per presence change (mic toggle)', value: micToggle, unit: 'B', baseline: { name: 'whole member JSON in Yjs', value: baselineMic } },
    { name: 'bytes per combo action (leave+enter+mic)', value: combo, unit: 'B', baseline: { name: 'whole member JSON in Yjs', value: baselineCombo } },
    { name: 'bytes per room rename (one field)', value: rename, unit: 'B', baseline: { name: 'whole room JSON in Yjs', value: baselineRename } },
  ]
}

function patchFigures(): Figure[] {
  const team = bigTeam(1000, 50)
  const states = new Map<number, unknown>()
  for (let m = 0; m < 1000; m++) states.set(m + 1, { ...initialPresence(`user-${m}`, `Member ${m}`, 'desktop'), room: `room-${m % 50}`, mic: m % 2 === 0 })
  const me = states.get(1) as PresenceState
  const view = (s: Map<number, unknown>) =>
    buildOfficeView({ teamId: 't', team, me, myClientId: 1, states: s, connection: { state: 'online', detail: null }, lastAnswer: null, discussions: {}, callActivity: { roomId: null, members: [] }, role: 'member', now: 0 })
  const before = view(states)
  const micStates = new Map(states).set(500, { ...(states.get(500) as PresenceState), mic: true })
  const micOps = diffView(before, view(micStates))
  const moveStates = new Map(states).set(500, { ...(states.get(500) as PresenceState), room: 'room-3' })
  const moveOps = diffView(before, view(moveStates))
  const started = performance.now()
  for (let i = 0; i < 50; i++) diffView(before, view(i % 2 ? micStates : moveStates))
  const perChange = (performance.now() - started) / 50
  return [
    { name: 'patches per remote mic toggle (1,000 members)', value: micOps.length, unit: 'ops', baseline: { name: 'snapshot bytes', value: JSON.stringify(before).length } },
    { name: 'patch bytes per remote mic toggle', value: JSON.stringify(micOps).length, unit: 'B', baseline: { name: 'snapshot bytes', value: JSON.stringify(before).length } },
    { name: 'patches per remote room move', value: moveOps.length, unit: 'ops' },
    { name: 'view rebuild + diff per change (1,000 members)', value: round(perChange), unit: 'ms' },
  ]
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}

function heapUsed(): number {
  globalThis.gc?.()
  globalThis.gc?.()
  return process.memoryUsage().heapUsed
}

async function openAndMemoryFigures(): Promise<Figure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'hallway-bench-'))
  try {
    const storage = new FileStorage(dir)
    const team = bigTeam(1000, 50)
    await storage.append(teamDocName('bench'), Y.encodeStateAsUpdate(team.doc))
    for (let r = 0; r < 50; r++) {
      const chat = new Discussion(new Y.Doc())
      for (let i = 0; i < 200; i++) chat.post(`m${r}-${i}`, `user-${i}`, `Message ${i} in room ${r}: shipping the thing today`, i)
      await storage.append(chatDocName('bench', `room-${r}`), Y.encodeStateAsUpdate(chat.doc))
    }
    const serverUrl = await refusedUrl()
    const options = { serverUrl, token: unsignedToken('bench', 'user-1'), storage, WebSocket: WebSocket as unknown as SocketConstructor, device: 'bot' as const }

    const heapBefore = heapUsed()
    const opened = performance.now()
    const core = await PresenceCore.open(options)
    const openMs = performance.now() - opened
    const members = Object.keys(core.view().members).length
    for (let r = 0; r < 50; r++) await core.execute({ type: 'openDiscussion', roomId: `room-${r}` })
    const messages = Object.values(core.view().discussions).reduce((sum, d) => sum + d.messages.length, 0)
    await new Promise((resolve) => setTimeout(resolve, 10))
    const heapMb = (heapUsed() - heapBefore) / 1024 / 1024
    await core.close()
    await storage.close()
    if (members !== 1000 || messages !== 10_000) throw new Error(`bench setup wrong: ${members} members, ${messages} messages`)
    return [
      { name: 'core open from disk (1,000 members, 50 rooms)', value: round(openMs), unit: 'ms' },
      { name: 'core heap (1,000 members, 50 rooms, 10,000 messages)', value: round(heapMb), unit: 'MB' },
    ]
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export async function runPresenceBench(): Promise<Figure[]> {
  return [...wireFigures(), ...patchFigures(), ...(await openAndMemoryFigures())]
}
