import type { DiscussionSeqStore, ReadMarkerStore } from './member-state-store'

/**
 * Persistence seams of the sync server. The embedded build stores in SQLite; the scale-out build
 * will put Postgres behind the same interfaces, hence promises even where SQLite is synchronous.
 */
export interface DocStore {
  /** The document's stored state, oldest first: its snapshot (if any), then its logged updates. */
  load(docName: string): Promise<Uint8Array[]>
  /** Durably records one update. Resolves only once it would survive a crash of this process. */
  append(docName: string, update: Uint8Array): Promise<void>
  /** Folds the document's log into its snapshot (append also does this past a threshold). */
  compact(docName: string): Promise<void>
  /**
   * Calls back when another process (the admin CLI) has written to the store, so loaded
   * documents can pick the change up. Returns an unsubscribe function.
   */
  onExternalChange(listener: () => void): () => void
  close(): Promise<void>
}

export interface TeamRecord {
  id: string
  name: string
  createdAt: number
}

export interface TeamStore {
  /** Creates the team row and its document's first update together, or neither. */
  createTeam(team: TeamRecord, initialDocUpdate: Uint8Array): Promise<void>
  getTeam(id: string): Promise<TeamRecord | null>
}

export type HallwayStore = DocStore & TeamStore & ReadMarkerStore & DiscussionSeqStore
