import { ZodError } from 'zod'
import type { OfficeView } from '../contract/view'
import { ModelError } from '../model/errors'
import { clearStatus, setStatus, updateProfile } from '../model/profiles'
import { createRoom, deleteRoom, lockRoom, renameFloor, reorderRooms, renameRoom, roomsOnFloor, setRoomField, setRoomFloor } from '../model/rooms'
import type { TeamDoc } from '../model/team-doc'
import type { Writer } from '../model/write-rules'
import type { PresenceState } from './presence'
import type { DocumentCommand } from './document-command'
import { enforceTeamRules, teamWritesOf } from './write-precheck'

export interface DocumentContext {
  me: PresenceState
  office: OfficeView
  /** Who writes, as the write rules see them: the role comes from the token. */
  writer: Writer
  newId: () => string
}

/** Turns a model refusal into the one line a person reads. */
export function explain(error: unknown): string {
  if (error instanceof ModelError) return error.message
  if (error instanceof ZodError) return error.issues[0]?.message ?? 'That value is not allowed.'
  throw error
}

/**
 * Runs a durable command on the team document as one transaction (one update on the wire).
 * A refusal, by the write rules or the model, throws before anything is written.
 */
export function runDocumentCommand(team: TeamDoc, command: DocumentCommand, context: DocumentContext): void {
  const { me, office } = context
  const newRoomId = command.type === 'createRoom' ? context.newId() : ''
  const occupants = (roomId: string) => office.rooms[roomId]?.occupants ?? [me.user]
  const onFloor = (floor: string) => roomsOnFloor(team, floor)
  enforceTeamRules(teamWritesOf(command, { userId: me.user, newRoomId, occupants, roomsOnFloor: onFloor }), context.writer, team, office)
  switch (command.type) {
    case 'createRoom':
      createRoom(team, newRoomId, { name: command.name, kind: command.kind, door: 'open', capacity: command.capacity ?? 0, floor: command.floor })
      return
    case 'renameRoom':
      renameRoom(team, command.roomId, command.name)
      return
    case 'setRoomFloor':
      setRoomFloor(team, command.roomId, command.floor)
      return
    case 'renameFloor':
      renameFloor(team, command.from, command.to)
      return
    case 'setDoor':
      if (command.door === 'locked') lockRoom(team, command.roomId, occupants(command.roomId))
      else setRoomField(team, command.roomId, 'door', command.door)
      return
    case 'setRoomKind':
      setRoomField(team, command.roomId, 'kind', command.kind)
      return
    case 'setCapacity':
      setRoomField(team, command.roomId, 'capacity', command.capacity)
      return
    case 'reorderRooms':
      reorderRooms(team, command.roomIds)
      return
    case 'deleteRoom': {
      // Stricter than the rules (which let an admin): nobody is dropped out of a room from the office.
      const room = office.rooms[command.roomId]
      if (room && room.occupants.length > 0) throw new ModelError(`${room.name} is in use. Ask everyone to leave it first.`)
      deleteRoom(team, command.roomId)
      return
    }
    case 'updateProfile':
      updateProfile(team, me.user, command.patch)
      return
    case 'setStatus':
      setStatus(team, me.user, { text: command.text, emoji: command.emoji, until: command.until, dnd: command.dnd })
      return
    case 'clearStatus':
      clearStatus(team, me.user)
      return
  }
}
