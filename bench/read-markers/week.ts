// A simulated week of reading in the seeded 1,000-member 50-room team: every member opens ~20
// rooms ~10 times a day, one session (one Yjs client) per member per day, each read moving a marker.
import * as Y from 'yjs'
import { ensureReadMarkers, markRead } from '../../shared/model/room-activity'
import { TeamDoc } from '../../shared/model/team-doc'

export const WEEK = { days: 7, roomsRead: 20, readsPerRoomPerDay: 10 }

/** Marker writes a week holds: members × rooms × reads × days. */
export function weekWrites(members: number): number {
  return members * WEEK.roomsRead * WEEK.readsPerRoomPerDay * WEEK.days
}

/** Where a member's reads of one day are written: the team document, or a document of their own. */
type MarkerHome = (userId: string) => TeamDoc

/**
 * Plays the week into `home`. Each read moves the marker forward (a room gets new messages between
 * reads); a new Yjs client id per member per day stands for that day's app session, as a reopened
 * app's replica gets one.
 */
export function playWeek(memberIds: readonly string[], roomIds: readonly string[], home: MarkerHome): void {
  for (let day = 0; day < WEEK.days; day++) {
    for (const [m, userId] of memberIds.entries()) {
      const team = home(userId)
      team.doc.clientID = sessionClientId(day, m)
      ensureReadMarkers(team, userId)
      // One transaction per session keeps the play fast; each set still leaves its own item, as separate writes do.
      team.doc.transact(() => {
        for (let read = 0; read < WEEK.readsPerRoomPerDay; read++) {
          for (let r = 0; r < WEEK.roomsRead; r++) {
            const roomId = roomIds[(m * 7 + r) % roomIds.length]!
            markRead(team, userId, roomId, (day * WEEK.readsPerRoomPerDay + read + 1) * 3)
          }
        }
      })
    }
  }
}

/** Distinct, deterministic client ids (Yjs takes any 32-bit unsigned integer). */
function sessionClientId(day: number, member: number): number {
  return 1_000_000 + day * 100_000 + member
}

/** The team document's reads, moved to one small document per member (the per-member home). */
export function perMemberHome(): { home: MarkerHome; docs: Map<string, Y.Doc> } {
  const docs = new Map<string, Y.Doc>()
  return {
    docs,
    home: (userId) => {
      let doc = docs.get(userId)
      if (!doc) docs.set(userId, (doc = new Y.Doc()))
      return new TeamDoc(doc)
    },
  }
}
