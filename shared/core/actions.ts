import type { CommandResult, CoreCommand } from '../contract/commands'
import type { OfficeView } from '../contract/view'
import type { RoomKind } from '../model/schema'
import type { PresenceState } from './presence'

/** Mic state a member gets on walking into a room of each kind. */
export const micOnEnter: Record<RoomKind, boolean> = { open: true, meeting: true, focus: false }

export type ActionOutcome = { ok: true; next: PresenceState } | { ok: false; error: string }

/**
 * Decides what a command does to my presence. Pure: the engine writes `next` in one awareness
 * update, so "go to room" (leave old, enter new, set mic) is a single change on the wire.
 */
export function planCommand(command: CoreCommand, me: PresenceState, office: OfficeView): ActionOutcome {
  switch (command.type) {
    case 'enterRoom': {
      const room = office.rooms[command.roomId]
      if (!room) return { ok: false, error: 'That room no longer exists. Pick another room.' }
      if (me.room === room.id) return { ok: true, next: me }
      if (room.door === 'locked') return { ok: false, error: `${room.name} is locked. Ask someone inside to open it.` }
      if (room.door === 'closed') return { ok: false, error: `${room.name} has its door closed. Knock to ask to come in.` }
      if (room.capacity > 0 && room.occupants.length >= room.capacity) {
        return { ok: false, error: `${room.name} is full (${room.capacity} people). Try again later.` }
      }
      return { ok: true, next: { ...me, room: room.id, mic: micOnEnter[room.kind] } }
    }
    case 'leaveRoom':
      return { ok: true, next: { ...me, room: null, mic: false, cam: false, screen: false } }
    case 'setMic':
      if (me.room === null) return { ok: false, error: 'Join a room first, then unmute.' }
      return { ok: true, next: { ...me, mic: command.on } }
  }
}

export function commandResult(outcome: ActionOutcome): CommandResult {
  return outcome.ok ? { ok: true } : { ok: false, error: outcome.error }
}
