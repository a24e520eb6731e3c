import * as Y from 'yjs'
import { TeamDocKeys } from '../../shared/model/schema'
import { mergeSummaries, readSummary, recordPosts, type DiscussionSummary, type Post } from '../../shared/model/room-activity'
import { TeamDoc } from '../../shared/model/team-doc'
import type { DiscussionSeqStore } from '../store/member-state-store'

/** Origin of the keeper's own writes: every other change of a summary came from another node (or the store). */
const KEEPER = Symbol('summary-keeper')

/**
 * Writes a team's discussion summaries on this node, so that they converge across nodes. Each
 * post's number comes from one counter in the store (no two nodes number two posts alike). A
 * summary is one value in the team document, so when two nodes write a room's at once, one write
 * wins and the other's count and mentions would be lost: the keeper remembers the last summary it
 * wrote per room and, when a write from elsewhere leaves the room's summary behind it, writes the
 * merge of both. Until that merge lands, a winning write can show the final count without a
 * mention the other node numbered just before it; both converge one round trip later.
 *
 * What it wrote outlives the loaded document (`written`, kept by the registry per team): a node
 * that unloads the document before the winning write reaches it finds that write in the store
 * when it loads the document again, and a keeper made for that copy repairs it at once.
 */
export class SummaryKeeper {
  private readonly team: TeamDoc
  private readonly repairQueued = new Set<string>()

  constructor(
    doc: Y.Doc,
    private readonly teamId: string,
    private readonly seqs: DiscussionSeqStore,
    /** The last summary this node wrote, per room (at most one per room of the team), across loads of the document. */
    private readonly written: Map<string, DiscussionSummary>,
  ) {
    this.team = new TeamDoc(doc)
    doc.getMap(TeamDocKeys.discussions).observe((event) => {
      if (event.transaction.origin === KEEPER) return
      for (const roomId of event.keysChanged) this.queueRepair(roomId)
    })
    for (const roomId of written.keys()) this.queueRepair(roomId)
  }

  /** Numbers the posts a connection on this node just made in a room, and writes the summary. */
  async record(roomId: string, posts: readonly Post[], at: number): Promise<void> {
    const seen = readSummary(this.team, roomId)?.seq ?? 0
    const lastSeq = await this.seqs.claimDiscussionSeqs(this.teamId, roomId, seen, posts.length)
    this.team.doc.transact(() => {
      const summary = recordPosts(this.team, roomId, posts, at, lastSeq)
      if (summary) this.written.set(roomId, this.merged(roomId, summary))
    }, KEEPER)
  }

  private merged(roomId: string, summary: DiscussionSummary): DiscussionSummary {
    const earlier = this.written.get(roomId)
    return earlier ? mergeSummaries(earlier, summary) : summary
  }

  /** After the observer's transaction: a write from inside it would start a nested one. */
  private queueRepair(roomId: string): void {
    if (!this.written.has(roomId) || this.repairQueued.has(roomId)) return
    this.repairQueued.add(roomId)
    queueMicrotask(() => {
      this.repairQueued.delete(roomId)
      this.repair(roomId)
    })
  }

  private repair(roomId: string): void {
    const mine = this.written.get(roomId)
    if (!mine || this.team.doc.isDestroyed) return
    // No summary at all: the room's went with the room (never a count of ours to restore).
    const shown = readSummary(this.team, roomId)
    if (!shown) return
    const merged = mergeSummaries(shown, mine)
    if (sameSummary(shown, merged)) return
    this.team.doc.transact(() => this.team.doc.getMap(TeamDocKeys.discussions).set(roomId, merged), KEEPER)
  }
}

function sameSummary(a: DiscussionSummary, b: DiscussionSummary): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
