/**
 * The core asks the same write rules the server enforces before it writes, so a command the
 * server would refuse writes nothing and says why, instead of being undone by a resync.
 */
import type { CommandOf } from '../contract/commands'
import type { OfficeView } from '../contract/view'
import { ModelError } from '../model/errors'
import { DEFAULT_FLOOR } from '../model/schema'
import type { TeamDoc } from '../model/team-doc'
import { checkDiscussionWrite, checkTeamWrite, type MessageContext, type RuleVerdict, type WriteOp, type Writer } from '../model/write-rules'
import type { DocumentCommand } from './document-command'

const value = (v: unknown) => ({ kind: 'value', value: v }) as const
const setField = (path: string[], v: unknown): WriteOp => ({ action: 'set', path, value: value(v) })

/** The writes a document command makes, as paths and values the rules judge. */
export function teamWritesOf(
  command: DocumentCommand,
  context: {
    userId: string
    newRoomId: string
    occupants: (roomId: string) => readonly string[]
    roomsOnFloor: (floor: string) => readonly string[]
  },
): WriteOp[] {
  const room = (roomId: string, key: string, v: unknown) => setField(['rooms', roomId, key], v)
  switch (command.type) {
    case 'createRoom': {
      const path = ['rooms', context.newRoomId]
      const fields = { name: command.name, kind: command.kind, door: 'open', capacity: command.capacity ?? 0, floor: command.floor ?? DEFAULT_FLOOR }
      // The order is the model's (one past the last room): always a number, so not judged here.
      return [
        { action: 'set', path, value: { kind: 'map' } },
        ...Object.entries(fields).map(([key, v]): WriteOp => ({ action: 'set', path: [...path, key], value: value(v), newParent: true })),
      ]
    }
    case 'renameRoom':
      return [room(command.roomId, 'name', command.name)]
    case 'setRoomFloor':
      return [room(command.roomId, 'floor', command.floor)]
    case 'renameFloor':
      return context.roomsOnFloor(command.from).map((roomId) => room(roomId, 'floor', command.to))
    case 'setDoor':
      return command.door === 'locked'
        ? [room(command.roomId, 'door', 'locked'), room(command.roomId, 'insiders', [...context.occupants(command.roomId)].sort())]
        : [room(command.roomId, 'door', command.door)]
    case 'setRoomKind':
      return [room(command.roomId, 'kind', command.kind)]
    case 'setCapacity':
      return [room(command.roomId, 'capacity', command.capacity)]
    case 'reorderRooms':
      return command.roomIds.map((roomId, index) => room(roomId, 'order', index))
    case 'deleteRoom':
      return [{ action: 'delete', path: ['rooms', command.roomId] }]
    case 'updateProfile':
      return Object.entries(command.patch).map(([key, v]) => setField(['members', context.userId, key], v))
    case 'setStatus':
      return Object.entries({ text: command.text, emoji: command.emoji, until: command.until, dnd: command.dnd }).map(([key, v]) =>
        setField(['statuses', context.userId, key], v),
      )
    case 'clearStatus':
      return Object.entries({ text: '', emoji: '', until: null, dnd: false }).map(([key, v]) => setField(['statuses', context.userId, key], v))
  }
}

export type DiscussionWriteCommand = CommandOf<'postMessage' | 'editMessage' | 'deleteMessage'>

/** The writes a discussion command makes: a post gets the new message's id, the writer and the time; an edit the time. */
export function discussionWritesOf(command: DiscussionWriteCommand, stamp: { id: string; author: string; at: number }): WriteOp[] {
  switch (command.type) {
    case 'postMessage': {
      const mentions = command.mentions?.length ? { mentions: command.mentions } : {}
      const fields = { id: stamp.id, author: stamp.author, text: command.text, at: stamp.at, edited: null, preview: null, ...mentions }
      return [
        { action: 'insert', path: ['messages'], value: { kind: 'map' } },
        ...Object.entries(fields).map(([key, v]): WriteOp => ({ action: 'set', path: ['messages', stamp.id, key], value: value(v), newParent: true })),
      ]
    }
    case 'editMessage':
      return [setField(['messages', command.messageId, 'text'], command.text), setField(['messages', command.messageId, 'edited'], stamp.at)]
    case 'deleteMessage':
      return [{ action: 'remove', path: ['messages'] }]
  }
}

/** Throws the first refusal as the one line a person reads; nothing has been written yet. */
function enforce(verdicts: Iterable<RuleVerdict>): void {
  for (const verdict of verdicts) {
    if (verdict.ok) continue
    const reason = verdict.reason.charAt(0).toUpperCase() + verdict.reason.slice(1)
    throw new ModelError(`${reason.replace(/[.!]*$/, '')}.`)
  }
}

export function enforceTeamRules(ops: readonly WriteOp[], writer: Writer, team: TeamDoc, office: OfficeView): void {
  const context = {
    membersManageRooms: team.membersManageRooms(),
    roomOccupied: (roomId: string) => (office.rooms[roomId]?.occupants.length ?? 0) > 0,
    roomExists: (roomId: string) => team.room(roomId) !== null,
  }
  enforce(ops.map((op) => checkTeamWrite(op, writer, context)))
}

/** `message` is the stored message an edit or delete touches; null for a new post. */
export function enforceDiscussionRules(ops: readonly WriteOp[], writer: Writer, message: MessageContext | null): void {
  enforce(ops.map((op) => checkDiscussionWrite(op, writer, message)))
}
