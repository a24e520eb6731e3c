import { markRead } from '../model/room-activity'
import type { TeamDoc } from '../model/team-doc'
import type { Writer } from '../model/write-rules'
import { roomActivityOf } from './room-activity-reads'

/**
 * An open discussion is read: my marker follows its summary, so the unread mark clears here and,
 * through the team document, on my other devices. Guests cannot write the team document.
 */
export function markOpenDiscussionsRead(team: TeamDoc, writer: Writer, openRooms: readonly string[]): void {
  if (writer.role === 'guest') return
  const activity = roomActivityOf(team)
  for (const roomId of openRooms) {
    const summary = activity.summary(roomId)
    if (summary && team.room(roomId)) markRead(team, writer.userId, roomId, summary.seq)
  }
}
