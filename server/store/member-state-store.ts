/**
 * What the server keeps beside the documents, per member and per room, rather than in the team
 * document that every member syncs (docs/architecture.md, "Read markers").
 */
export interface ReadMarkerStore {
  /** The member's read markers: room id → sequence of the last message read. */
  readMarkers(teamId: string, userId: string): Promise<Map<string, number>>
  /** Keeps the maximum of the stored marker and `seq`; true when the stored marker moved. */
  raiseReadMarker(teamId: string, userId: string, roomId: string, seq: number): Promise<boolean>
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
