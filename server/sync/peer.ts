import type { WireFrame } from './ws-frame'

/** One connection on a document, as the document's room sees it: who, what it asked for, and how to reach it. */
export interface Peer {
  readonly id: number
  readonly userId: string
  /** Asked for presence deltas (`?presence=delta`): gets them instead of whole states where it can. */
  readonly readsPresenceDeltas: boolean
  /** Asked for read markers (`?reads=marker`, team documents only): gets its own member's. */
  readonly readsReadMarkers: boolean
  /** performance.now() when the connection was admitted. */
  readonly joinedAt: number
  send(frame: WireFrame): void
  close(code: number, reason: string): void
}
