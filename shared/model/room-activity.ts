import * as Y from 'yjs'
import { z } from 'zod'
import { mapAt } from './doc-read'
import { Limits } from './limits'
import { TeamDocKeys, idSchema } from './schema'
import type { TeamDoc } from './team-doc'

/**
 * What every member knows of each room's discussion without loading it: how many messages it has
 * had, the last one, and the newest mentions. The server writes it when it accepts a post (only a
 * real message, by its real author, moves it); each member records how far they read.
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

/** A read marker: the sequence of the last message its member saw in a room. */
export const readMarkerSchema = sequenceSchema

/** One message the server just accepted, as the summary needs it. */
export interface Post {
  author: string
  mentions: readonly string[]
}

function summaries(team: TeamDoc): Y.Map<unknown> {
  return team.doc.getMap(TeamDocKeys.discussions)
}

function readsOf(team: TeamDoc, userId: string): Y.Map<unknown> | null {
  return mapAt(team.doc.getMap(TeamDocKeys.reads), userId)
}

/** Anything but a well-formed summary reads as none. */
export function readSummary(team: TeamDoc, roomId: string): DiscussionSummary | null {
  const parsed = discussionSummarySchema.safeParse(summaries(team).get(roomId))
  return parsed.success ? parsed.data : null
}

/**
 * The server's write after accepting posts in a room: each moves the sequence by one; mentions of
 * members of the team other than the author are remembered, newest last, at most recentMentions.
 */
export function recordPosts(team: TeamDoc, roomId: string, posts: readonly Post[], at: number): DiscussionSummary | null {
  if (posts.length === 0) return null
  const before = readSummary(team, roomId)
  let seq = before?.seq ?? 0
  const mentions = [...(before?.mentions ?? [])]
  for (const post of posts) {
    seq++
    for (const to of new Set(post.mentions)) {
      if (to !== post.author && team.member(to) !== null) mentions.push({ to, by: post.author, seq, at })
    }
  }
  const summary: DiscussionSummary = { seq, at, author: posts[posts.length - 1]!.author, mentions: mentions.slice(-Limits.recentMentions) }
  summaries(team).set(roomId, summary)
  return summary
}

/** The server creates each member's marker map once, so no two devices race to create it. */
export function ensureReadMarkers(team: TeamDoc, userId: string): boolean {
  const reads = team.doc.getMap(TeamDocKeys.reads)
  if (reads.has(userId)) return false
  reads.set(userId, new Y.Map<unknown>())
  return true
}

/** 0 (nothing read) when the marker is missing or not a sequence. */
export function readMarker(team: TeamDoc, userId: string, roomId: string): number {
  const parsed = readMarkerSchema.safeParse(readsOf(team, userId)?.get(roomId))
  return parsed.success ? parsed.data : 0
}

/** Moves my marker forward to `seq`; false when there is nothing to move (or no marker map yet). */
export function markRead(team: TeamDoc, userId: string, roomId: string, seq: number): boolean {
  const reads = readsOf(team, userId)
  if (!reads || readMarker(team, userId, roomId) >= seq) return false
  reads.set(roomId, readMarkerSchema.parse(seq))
  return true
}
