import type Database from 'better-sqlite3'
import type { ReadMarker } from '../../shared/contract/read-markers'
import type { ReadMarkerStore } from './member-state-store'

/**
 * How long raised markers wait to be committed together. Each commit is a full fsync, and a
 * member's core sends a marker per read and all of them again on every connect (a reconnect
 * wave is thousands); the core re-sends on its next connect whatever a crash lost, so losing at
 * most this window to a kill -9 or a power cut loses no read for good.
 */
export const READ_MARKER_WINDOW_MS = 500

/** One member's markers waiting for the window: room id → seq. */
interface Waiting {
  teamId: string
  userId: string
  rooms: Map<string, number>
}

/**
 * Read markers in SQLite, raised at once in memory (so the caller can relay them) and committed in
 * one transaction per window; reads see the waiting ones too. A window of 0 commits every raise
 * in its own transaction.
 */
export class SqliteReadMarkers implements ReadMarkerStore {
  /** By member (memberKey), so a connect's read looks at that member's alone. */
  private readonly pending = new Map<string, Waiting>()
  private timer: ReturnType<typeof setTimeout> | null = null
  private readonly stmts: ReturnType<typeof prepare>

  constructor(
    private readonly db: Database.Database,
    private readonly windowMs: number,
    /** A window's commit failed: its markers stay waiting and go with the next window. */
    private readonly onFlushError: (error: unknown) => void,
  ) {
    this.stmts = prepare(db)
  }

  async readMarkers(teamId: string, userId: string): Promise<Map<string, number>> {
    const rows = this.stmts.read.all(teamId, userId) as Array<{ room_id: string; seq: number }>
    const markers = new Map(rows.map((row) => [row.room_id, row.seq]))
    for (const [roomId, seq] of this.pending.get(memberKey(teamId, userId))?.rooms ?? []) {
      if (seq > (markers.get(roomId) ?? -1)) markers.set(roomId, seq)
    }
    return markers
  }

  async raiseReadMarkers(teamId: string, userId: string, markers: readonly ReadMarker[]): Promise<ReadMarker[]> {
    const key = memberKey(teamId, userId)
    const waiting = this.pending.get(key) ?? { teamId, userId, rooms: new Map<string, number>() }
    const raised = markers.filter(({ roomId, seq }) => {
      const stored = (this.stmts.readOne.get(teamId, userId, roomId) as { seq: number } | undefined)?.seq ?? -1
      if (seq <= Math.max(stored, waiting.rooms.get(roomId) ?? -1)) return false
      waiting.rooms.set(roomId, seq)
      return true
    })
    if (waiting.rooms.size > 0) this.pending.set(key, waiting)
    if (raised.length > 0) this.schedule()
    return raised
  }

  async dropReadMarkers(teamId: string, userId: string, roomIds: readonly string[]): Promise<void> {
    const waiting = this.pending.get(memberKey(teamId, userId))
    for (const roomId of roomIds) waiting?.rooms.delete(roomId)
    this.db.transaction(() => roomIds.forEach((roomId) => this.stmts.drop.run(teamId, userId, roomId)))()
  }

  /** Commits every waiting marker in one transaction (the store's close calls it). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.pending.size === 0) return
    // Keeps the maximum against the row too: the CLI or another server process may have raised it.
    this.db.transaction(() => {
      for (const { teamId, userId, rooms } of this.pending.values()) for (const [roomId, seq] of rooms) this.stmts.raise.run(teamId, userId, roomId, seq)
    })()
    this.pending.clear()
  }

  private schedule(): void {
    if (this.windowMs === 0) return this.flush()
    if (this.timer) return
    this.timer = setTimeout(() => {
      this.timer = null
      try {
        this.flush()
      } catch (error) {
        this.onFlushError(error)
        this.schedule()
      }
    }, this.windowMs)
    this.timer.unref()
  }
}

const memberKey = (teamId: string, userId: string) => JSON.stringify([teamId, userId])

function prepare(db: Database.Database) {
  return {
    read: db.prepare('SELECT room_id, seq FROM read_markers WHERE team_id = ? AND user_id = ?'),
    readOne: db.prepare('SELECT seq FROM read_markers WHERE team_id = ? AND user_id = ? AND room_id = ?'),
    raise: db.prepare(
      'INSERT INTO read_markers (team_id, user_id, room_id, seq) VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT (team_id, user_id, room_id) DO UPDATE SET seq = excluded.seq WHERE excluded.seq > read_markers.seq',
    ),
    drop: db.prepare('DELETE FROM read_markers WHERE team_id = ? AND user_id = ? AND room_id = ?'),
  }
}
