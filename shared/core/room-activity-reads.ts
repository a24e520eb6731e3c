import { readSummary, type DiscussionSummary } from '../model/room-activity'
import { TeamDocKeys } from '../model/schema'
import type { TeamDoc } from '../model/team-doc'
import type { OfficeView } from '../contract/view'

type MentionView = OfficeView['me']['mentions'][number]

/**
 * Room discussion summaries read through their schema once per change, not once per view (every
 * presence change rebuilds the office); a room's entry is dropped when its summary changes.
 */
export class RoomActivityReads {
  private readonly summaries = new Map<string, DiscussionSummary | null>()

  constructor(private readonly team: TeamDoc) {
    team.doc.getMap(TeamDocKeys.discussions).observe((event) => {
      for (const key of event.keys.keys()) this.summaries.delete(key)
    })
  }

  summary(roomId: string): DiscussionSummary | null {
    if (!this.summaries.has(roomId)) this.summaries.set(roomId, readSummary(this.team, roomId))
    return this.summaries.get(roomId) ?? null
  }

  /** Unread messages in a room for `userId`, who read up to `read`, and the mentions of them among those. */
  unread(userId: string, roomId: string, read: number): { count: number; mentions: MentionView[] } {
    const summary = this.summary(roomId)
    if (!summary) return { count: 0, mentions: [] }
    const mentions: MentionView[] = []
    for (const { to, by, seq, at } of summary.mentions) if (to === userId && seq > read) mentions.push({ room: roomId, by, seq, at })
    return { count: Math.max(0, summary.seq - read), mentions }
  }
}

const readsByTeam = new WeakMap<TeamDoc, RoomActivityReads>()

/** The summaries cache of one team document, made on first use. */
export function roomActivityOf(team: TeamDoc): RoomActivityReads {
  let reads = readsByTeam.get(team)
  if (!reads) readsByTeam.set(team, (reads = new RoomActivityReads(team)))
  return reads
}
