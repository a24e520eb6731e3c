import type * as Y from 'yjs'
import { z } from 'zod'
import { Limits } from './limits'
import { TeamDocKeys } from './schema'
import { idSchema } from './value-schemas'
import type { TeamDoc } from './team-doc'

/**
 * What every member knows of each room's discussion without loading it: how many messages it has
 * had, the last one, and the newest mentions. The server writes it when it accepts a post (only a
 * real message, by its real author, moves it). How far a member read is kept on their devices
 * and, per member, by the server (shared/core/device-read-markers.ts), never in the team document.
 */
const sequenceSchema = z.number().int().nonnegative()

export const mentionSchema = z.object({
  to: idSchema,
  by: idSchema,
  /** The mentioning message's place in the room's sequence. */
  seq: sequenceSchema,
  at: sequenceSchema,
})
export type Mention = z.infer<typeof mentionSchema>

export const discussionSummarySchema = z.object({
  /** Messages posted so far: the n-th message posted has sequence n. */
  seq: sequenceSchema,
  /** When the server accepted the last one. */
  at: sequenceSchema,
  author: idSchema,
  mentions: z.array(mentionSchema).max(Limits.recentMentions),
})
export type DiscussionSummary = z.infer<typeof discussionSummarySchema>

/** A read marker: the sequence of the last message its member saw in a room (never in the team document). */
export const readMarkerSchema = sequenceSchema

/** One message the server just accepted, as the summary needs it. */
export interface Post {
  author: string
  mentions: readonly string[]
}

function summaries(team: TeamDoc): Y.Map<unknown> {
  return team.doc.getMap(TeamDocKeys.discussions)
}

/** Anything but a well-formed summary reads as none. */
export function readSummary(team: TeamDoc, roomId: string): DiscussionSummary | null {
  const parsed = discussionSummarySchema.safeParse(summaries(team).get(roomId))
  return parsed.success ? parsed.data : null
}

/**
 * The server's write after accepting posts in a room: each moves the sequence by one; mentions of
 * members of the team other than the author are remembered, newest last, at most recentMentions.
 * `lastSeq`: the sequence of the last of these posts, when the server numbered them itself (one
 * counter for every node); the summary then keeps the higher of it and what the document has.
 */
export function recordPosts(team: TeamDoc, roomId: string, posts: readonly Post[], at: number, lastSeq?: number): DiscussionSummary | null {
  if (posts.length === 0) return null
  const before = readSummary(team, roomId)
  const first = (lastSeq ?? (before?.seq ?? 0) + posts.length) - posts.length + 1
  const mentions: Mention[] = []
  posts.forEach((post, i) => {
    for (const to of new Set(post.mentions)) {
      if (to !== post.author && team.member(to) !== null) mentions.push({ to, by: post.author, seq: first + i, at })
    }
  })
  const posted: DiscussionSummary = { seq: first + posts.length - 1, at, author: posts[posts.length - 1]!.author, mentions }
  const summary = before ? mergeSummaries(before, posted) : { ...posted, mentions: mentions.slice(-Limits.recentMentions) }
  summaries(team).set(roomId, summary)
  return summary
}

/**
 * Two summaries of one room as one: the higher sequence with its last post, and the newest
 * mentions of both. Order does not matter, so nodes that each wrote one agree on the merge.
 */
export function mergeSummaries(a: DiscussionSummary, b: DiscussionSummary): DiscussionSummary {
  const latest = b.seq > a.seq || (b.seq === a.seq && b.at > a.at) ? b : a
  const mentions = new Map<string, Mention>()
  for (const mention of [...a.mentions, ...b.mentions]) mentions.set(`${mention.seq} ${mention.to}`, mention)
  const newest = [...mentions.values()].sort((x, y) => x.seq - y.seq).slice(-Limits.recentMentions)
  return { seq: latest.seq, at: latest.at, author: latest.author, mentions: newest }
}
