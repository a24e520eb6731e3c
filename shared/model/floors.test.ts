import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ModelError } from './errors'
import { createRoom, renameFloor, roomsOnFloor, setRoomFloor } from './rooms'
import { DEFAULT_FLOOR } from './schema'
import { TeamDoc } from './team-doc'
import { checkTeamWrite, type TeamRuleContext, type Writer } from './write-rules'

function teamWithRooms(): TeamDoc {
  const team = new TeamDoc(new Y.Doc())
  createRoom(team, 'a', { name: 'A', kind: 'open', door: 'open', capacity: 0 })
  createRoom(team, 'b', { name: 'B', kind: 'open', door: 'open', capacity: 0, floor: 'Floor 2' })
  createRoom(team, 'c', { name: 'C', kind: 'open', door: 'open', capacity: 0, floor: 'Floor 2' })
  return team
}

describe('floors in the model', () => {
  it('puts a room created without a floor on the default floor, and moves it with validation', () => {
    const team = teamWithRooms()
    expect(team.room('a')!.floor).toBe(DEFAULT_FLOOR)
    setRoomFloor(team, 'a', '  Roof ')
    expect(team.room('a')!.floor).toBe('Roof')
    expect(() => setRoomFloor(team, 'a', '   ')).toThrow(/needs a name/)
    expect(() => setRoomFloor(team, 'a', 'x'.repeat(41))).toThrow(/at most 40/)
    expect(() => setRoomFloor(team, 'ghost', 'Roof')).toThrow(ModelError)
    expect(team.room('a')!.floor).toBe('Roof')
  })

  it('reads a missing or foreign floor value as the default floor', () => {
    const team = teamWithRooms()
    const rooms = team.rooms
    ;(rooms.get('b') as Y.Map<unknown>).set('floor', 42)
    ;(rooms.get('c') as Y.Map<unknown>).set('floor', '')
    const legacy = new Y.Map<unknown>()
    rooms.set('old', legacy)
    legacy.set('name', 'Old')
    expect([team.room('b')!.floor, team.room('c')!.floor, team.room('old')!.floor]).toEqual([DEFAULT_FLOOR, DEFAULT_FLOOR, DEFAULT_FLOOR])
    expect(roomsOnFloor(team, DEFAULT_FLOOR).sort()).toEqual(['a', 'b', 'c', 'old'])
  })

  it('renames a floor by moving all of its rooms in one update, and refuses a merge or an unknown floor', () => {
    const team = teamWithRooms()
    let updates = 0
    team.doc.on('update', () => updates++)
    renameFloor(team, 'Floor 2', 'Studio wing')
    expect(updates).toBe(1)
    expect(roomsOnFloor(team, 'Studio wing').sort()).toEqual(['b', 'c'])
    expect(roomsOnFloor(team, 'Floor 2')).toEqual([])
    expect(() => renameFloor(team, 'Floor 2', 'Anything')).toThrow(/no floor named Floor 2/)
    expect(() => renameFloor(team, 'Studio wing', DEFAULT_FLOOR)).toThrow(/already a floor named/)
    expect(team.room('a')!.floor).toBe(DEFAULT_FLOOR)
  })
})

describe('floor write rules', () => {
  const member: Writer = { userId: 'ada', role: 'member', inRoom: 'a' }
  const admin: Writer = { userId: 'root', role: 'admin', inRoom: null }
  const guest: Writer = { userId: 'gus', role: 'guest', inRoom: 'a' }
  const closed: TeamRuleContext = { membersManageRooms: false, roomOccupied: () => false, roomExists: () => true }
  const open: TeamRuleContext = { ...closed, membersManageRooms: true }
  const move = (floor: unknown) => ({ action: 'set', path: ['rooms', 'a', 'floor'], value: { kind: 'value', value: floor } }) as const

  it('lets whoever may rename rooms move them between floors, and nobody else, even from inside the room', () => {
    expect(checkTeamWrite(move('Roof'), admin, closed)).toEqual({ ok: true })
    expect(checkTeamWrite(move('Roof'), member, closed)).toEqual({ ok: false, path: 'rooms/a/floor', reason: 'only admins may move rooms between floors' })
    expect(checkTeamWrite(move('Roof'), member, open)).toEqual({ ok: true })
    expect(checkTeamWrite(move('Roof'), guest, open).ok).toBe(false)
  })

  it('refuses a floor that is not a 1 to 40 character name', () => {
    expect(checkTeamWrite(move(''), admin, closed).ok).toBe(false)
    expect(checkTeamWrite(move(7), admin, closed).ok).toBe(false)
    expect(checkTeamWrite(move('x'.repeat(41)), admin, closed).ok).toBe(false)
    expect(checkTeamWrite({ action: 'delete', path: ['rooms', 'a', 'floor'] }, admin, closed).ok).toBe(false)
  })
})
