import type { ReadMarker } from '../../shared/contract/read-markers'

/**
 * What the server keeps beside the documents, per member and per room, rather than in the team
 * document that every member syncs (docs/architecture.md, "Read markers").
 */
export interface ReadMarkerStore {
  /** The member's read markers: room id → sequence of the last message read. */
  readMarkers(teamId: string, userId: string): Promise<Map<string, number>>
  /**
   * Keeps, per room, the maximum of the stored marker and the given one, in one transaction (each
   * room at most once); resolves to the markers that moved.
   */
  raiseReadMarkers(teamId: string, userId: string, markers: readonly ReadMarker[]): Promise<ReadMarker[]>
  /** Forgets the member's markers of these rooms (rooms the team no longer has). */
  dropReadMarkers(teamId: string, userId: string, roomIds: readonly string[]): Promise<void>
}

export interface DiscussionSeqStore {
  /**
   * Claims the next `count` sequence numbers of a room's discussion for the posts one node just
   * accepted, and returns the last of them: max(stored, `seen`) + count. One counter for every
   * node, so two posts accepted at once on two nodes never get the same number; `seen` is the
   * summary's sequence as this node's team document shows it (a counter starts from there).
   */
  claimDiscussionSeqs(teamId: string, roomId: string, seen: number, count: number): Promise<number>
}
