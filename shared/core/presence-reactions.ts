import type { OfficeView } from '../contract/view'
import { insidersOf } from '../model/rooms'
import type { TeamDoc } from '../model/team-doc'
import { reactToAnswers, type PresenceContext } from './presence-actions'
import type { PresenceState } from './presence'

export type Reaction = { next: PresenceState; answer?: OfficeView['me']['lastAnswer'] }

const outOfTheRoom = (me: PresenceState): PresenceState => ({ ...me, room: null, mic: false, cam: false, screen: false })

/**
 * What others did to me, and what it does to my presence: an answer to my knock or invitation, my
 * call moving to another of my devices, or a door locked as I walked in (the lock wins). Pure:
 * the engine applies the result as one awareness change. Null when nothing changes.
 */
export function reactionTo(me: PresenceState, office: OfficeView, context: PresenceContext, team: TeamDoc): Reaction | null {
  const answer = reactToAnswers(me, office, context)
  if (answer) return { next: answer.next, answer: answer.answer }
  if (me.room !== null && context.callElsewhere) return { next: outOfTheRoom(me) }
  const room = me.room === null ? undefined : office.rooms[me.room]
  if (room?.door === 'locked' && !insidersOf(team, room.id).includes(me.user)) {
    return { next: outOfTheRoom(me), answer: { kind: 'locked', by: '', room: room.id, admit: false, at: context.now } }
  }
  return null
}
