// A simulated week of reading in the seeded 1,000-member 50-room team: every member opens ~20
// rooms ~10 times a day, each read moving that device's marker, with a few posts in every room
// between reads. The posts move the rooms' summaries in the team document (the server's writes);
// the markers stay on each member's device and never reach the team document.
import { DeviceReadMarks } from '../../shared/core/device-read-markers'
import { MemoryStorage } from '../../shared/core/storage-port'
import { recordPosts } from '../../shared/model/room-activity'
import type { TeamDoc } from '../../shared/model/team-doc'

export const WEEK = { days: 7, roomsRead: 20, readsPerRoomPerDay: 10, postsBetweenReads: 3 }

/** Marker moves a week holds: members × rooms × reads × days. */
export function weekReads(members: number): number {
  return members * WEEK.roomsRead * WEEK.readsPerRoomPerDay * WEEK.days
}

/** The sequence a room's summary has reached by a given read of a given day. */
function seqAt(day: number, read: number): number {
  return (day * WEEK.readsPerRoomPerDay + read + 1) * WEEK.postsBetweenReads
}

/** The server's summary writes of the week: every room's posts before each round of reads, one server session. */
export function playWeekSummaries(team: TeamDoc, roomIds: readonly string[], authorId: string): void {
  const posts = Array.from({ length: WEEK.postsBetweenReads }, () => ({ author: authorId, mentions: [] }))
  for (let day = 0; day < WEEK.days; day++) {
    for (let read = 0; read < WEEK.readsPerRoomPerDay; read++) {
      team.doc.transact(() => roomIds.forEach((roomId) => recordPosts(team, roomId, posts, seqAt(day, read))))
    }
  }
}

/** Every member's week of reading on their own device; resolves to the stored bytes of each device's markers. */
export async function playWeekOnDevices(memberIds: readonly string[], roomIds: readonly string[]): Promise<number[]> {
  return Promise.all(
    memberIds.map(async (userId, m) => {
      const storage = new MemoryStorage()
      const marks = new DeviceReadMarks(storage, `device/bench/${userId}/read-marks`, new Map(), (error) => {
        throw error
      })
      for (let day = 0; day < WEEK.days; day++) {
        for (let read = 0; read < WEEK.readsPerRoomPerDay; read++) {
          for (let r = 0; r < WEEK.roomsRead; r++) marks.markRead(roomIds[(m * 7 + r) % roomIds.length]!, seqAt(day, read))
        }
      }
      await marks.saved()
      return (await storage.load(`device/bench/${userId}/read-marks`)).reduce((sum, record) => sum + record.length, 0)
    }),
  )
}
