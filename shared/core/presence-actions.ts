import type { CommandResult, CoreCommand } from '../contract/commands'
import type { OfficeView } from '../contract/view'
import type { RoomKind } from '../model/schema'
import { DEFAULT_IDLE_AFTER_MS, KNOCK_TTL_MS, type PresenceReply, type PresenceState } from './presence'

/** Mic state a member gets on walking into a room of each kind. */
export const micOnEnter: Record<RoomKind, boolean> = { open: true, meeting: true, focus: false }

export type PresenceCommand = Extract<
  CoreCommand,
  {
    type:
      | 'enterRoom'
      | 'leaveRoom'
      | 'setMic'
      | 'setCam'
      | 'setScreen'
      | 'claimMedia'
      | 'reportIdle'
      | 'knock'
      | 'cancelKnock'
      | 'answerKnock'
      | 'pull'
      | 'cancelPull'
      | 'answerPull'
  }
>

const presenceTypes = new Set<string>([
  'enterRoom', 'leaveRoom', 'setMic', 'setCam', 'setScreen', 'claimMedia',
  'reportIdle', 'knock', 'cancelKnock', 'answerKnock', 'pull', 'cancelPull', 'answerPull',
])

export function isPresenceCommand(command: CoreCommand): command is PresenceCommand {
  return presenceTypes.has(command.type)
}

export interface PresenceContext {
  now: number
  /** Highest media epoch among all my devices (this one included). */
  maxEpochOfMine: number
  /** Presence of everyone else, one state per member (the device shown). */
  others: ReadonlyMap<string, PresenceState>
  /** The state of my other device that holds my call, if one does. */
  callElsewhere: PresenceState | null
  idleAfterMs?: number | undefined
}

export type ActionOutcome = { ok: true; next: PresenceState } | { ok: false; error: string }

const fail = (error: string): ActionOutcome => ({ ok: false, error })

/** Walks in, leaving the old room and setting the mic for the room's kind, as one state change. */
function enter(me: PresenceState, room: OfficeView['rooms'][string], context: PresenceContext): PresenceState {
  const epoch = me.room === null ? context.maxEpochOfMine + 1 : me.mediaEpoch
  return { ...me, room: room.id, mic: micOnEnter[room.kind], knock: null, pull: null, mediaEpoch: epoch }
}

function addReply(me: PresenceState, reply: PresenceReply, now: number): PresenceReply[] {
  return [...me.replies.filter((r) => now - r.at < KNOCK_TTL_MS && r.to !== reply.to), reply].slice(-8)
}

function dndOf(office: OfficeView, user: string): boolean {
  return office.members[user]?.status?.dnd === true
}

/**
 * Decides what a presence command does to my awareness state. Pure: the engine writes `next`
 * as one awareness update, so a combo action is a single change on the wire.
 */
export function planPresence(command: PresenceCommand, me: PresenceState, office: OfficeView, context: PresenceContext): ActionOutcome {
  switch (command.type) {
    case 'enterRoom': {
      const room = office.rooms[command.roomId]
      if (!room) return fail('That room no longer exists. Pick another room.')
      if (me.room === room.id) return { ok: true, next: me }
      if (room.door === 'locked') return fail(`${room.name} is locked. Ask someone inside to open it.`)
      if (room.door === 'closed' && room.occupants.length > 0) return fail(`${room.name} has its door closed. Knock to ask to come in.`)
      if (room.capacity > 0 && room.occupants.length >= room.capacity) {
        return fail(`${room.name} is full (${room.capacity} people). Try again later.`)
      }
      return { ok: true, next: enter(me, room, context) }
    }
    case 'leaveRoom':
      // My invitation was into the room I am leaving: it would bring them in without me.
      return { ok: true, next: { ...me, room: null, mic: false, cam: false, screen: false, pull: null } }
    case 'setMic':
    case 'setCam':
    case 'setScreen': {
      if (me.room === null) return fail('Join a room first.')
      const field = command.type === 'setMic' ? 'mic' : command.type === 'setCam' ? 'cam' : 'screen'
      return { ok: true, next: { ...me, [field]: command.on } }
    }
    case 'claimMedia': {
      // "Move the call here": take over the room and media of the device that holds it.
      const holder = context.callElsewhere
      if (!holder || holder.room === null) {
        return me.room === null ? fail('You are not in a call on another device.') : { ok: true, next: me }
      }
      return {
        ok: true,
        next: { ...me, room: holder.room, mic: holder.mic, cam: holder.cam, screen: false, knock: null, mediaEpoch: context.maxEpochOfMine + 1 },
      }
    }
    case 'reportIdle': {
      const idle = command.idleMs >= (context.idleAfterMs ?? DEFAULT_IDLE_AFTER_MS)
      if (idle === (me.idleSince !== null)) return { ok: true, next: me }
      return { ok: true, next: { ...me, idleSince: idle ? context.now - command.idleMs : null } }
    }
    case 'knock': {
      const room = office.rooms[command.roomId]
      if (!room) return fail('That room no longer exists.')
      if (me.room === room.id) return fail('You are already in this room.')
      if (room.door === 'locked') return fail(`${room.name} is locked: knocking is off. Try again later.`)
      if (room.door === 'open' || room.occupants.length === 0) return planPresence({ type: 'enterRoom', roomId: room.id }, me, office, context)
      if (room.occupants.every((user) => dndOf(office, user))) {
        return fail(`Everyone in ${room.name} asked not to be disturbed. Try again later.`)
      }
      return { ok: true, next: { ...me, knock: { room: room.id, at: context.now } } }
    }
    case 'cancelKnock':
      return { ok: true, next: { ...me, knock: null } }
    case 'answerKnock': {
      const knocker = context.others.get(command.userId)
      if (me.room === null || !knocker?.knock || knocker.knock.room !== me.room || context.now - knocker.knock.at >= KNOCK_TTL_MS) {
        return fail('That knock has already been answered or has expired.')
      }
      const reply = { to: command.userId, room: me.room, admit: command.admit, at: context.now }
      return { ok: true, next: { ...me, replies: addReply(me, reply, context.now) } }
    }
    case 'pull': {
      if (me.room === null) return fail('Join a room first, then invite people into it.')
      const target = office.members[command.userId]
      if (!target?.online) return fail('They are offline right now.')
      if (target.room === me.room) return fail('They are already here.')
      if (dndOf(office, command.userId)) return fail(`${target.name} asked not to be disturbed. Invite them once their status clears.`)
      if (office.rooms[me.room]?.door === 'locked') return fail('Unlock the door first, then invite them in.')
      return { ok: true, next: { ...me, pull: { to: command.userId, room: me.room, at: context.now } } }
    }
    case 'cancelPull':
      return { ok: true, next: { ...me, pull: null } }
    case 'answerPull': {
      const puller = context.others.get(command.fromUserId)
      const pull = puller?.pull
      if (!pull || pull.to !== me.user || context.now - pull.at >= KNOCK_TTL_MS) return fail('That invitation was cancelled or has expired.')
      const reply = { to: command.fromUserId, room: pull.room, admit: command.accept, at: context.now }
      const answered = { ...me, replies: addReply(me, reply, context.now) }
      const room = office.rooms[pull.room]
      if (!command.accept || !room) return { ok: true, next: answered }
      if (room.door === 'locked') return fail(`${room.name} was locked since you were invited. Ask them to unlock it.`)
      if (room.capacity > 0 && room.occupants.length >= room.capacity) return fail(`${room.name} is full now.`)
      return { ok: true, next: enter(answered, room, context) }
    }
  }
}

export type Answer = NonNullable<OfficeView['me']['lastAnswer']>

/**
 * What my core does on its own when others answer me: an admission walks me in (the door was
 * opened for me), a decline or silence clears my knock, and an answer to my invitation (or silence) clears it.
 * Returns null when nothing changes.
 */
export function reactToAnswers(me: PresenceState, office: OfficeView, context: PresenceContext): { next: PresenceState; answer: Answer } | null {
  const pull = me.pull
  if (pull) {
    const answerer = context.others.get(pull.to)
    const reply = answerer?.replies.find((r) => r.to === me.user && r.room === pull.room && r.at >= pull.at)
    if (reply) return { next: { ...me, pull: null }, answer: { kind: 'pull', by: pull.to, room: pull.room, admit: reply.admit, at: reply.at } }
    if (context.now - pull.at >= KNOCK_TTL_MS) {
      return { next: { ...me, pull: null }, answer: { kind: 'pullExpired', by: pull.to, room: pull.room, admit: false, at: context.now } }
    }
  }
  const knock = me.knock
  if (!knock) return null
  if (context.now - knock.at >= KNOCK_TTL_MS) {
    return { next: { ...me, knock: null }, answer: { kind: 'expired', by: '', room: knock.room, admit: false, at: context.now } }
  }
  for (const [user, state] of context.others) {
    if (state.room !== knock.room) continue
    const reply = state.replies.find((r) => r.to === me.user && r.room === knock.room && r.at >= knock.at)
    if (!reply) continue
    const answer: Answer = { kind: 'knock', by: user, room: knock.room, admit: reply.admit, at: reply.at }
    const room = office.rooms[knock.room]
    if (!reply.admit || !room || room.door === 'locked') return { next: { ...me, knock: null }, answer: { ...answer, admit: false } }
    return { next: enter(me, room, context), answer }
  }
  return null
}

export function commandResult(outcome: ActionOutcome): CommandResult {
  return outcome.ok ? { ok: true } : { ok: false, error: outcome.error }
}
