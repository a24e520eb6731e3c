import type Database from 'better-sqlite3'
import * as Y from 'yjs'
import { teamDocName } from '../../shared/contract/doc-names'
import type { ReadMarker } from '../../shared/contract/read-markers'
import type { HallwayStore, TeamRecord } from './doc-store'
import { SqliteConnection } from './sqlite-connection'
import { READ_MARKER_WINDOW_MS, SqliteReadMarkers } from './sqlite-read-markers'

const SCHEMA_VERSION = 2

export interface SqliteStoreOptions {
  /** Fold a document's log into its snapshot once it holds more than this many updates. */
  compactAfter?: number
  /** How often to look for writes by other processes (the CLI). 0 disables watching. */
  watchIntervalMs?: number
  /** How long raised read markers wait to be committed together; 0 commits each raise at once. */
  readMarkerWindowMs?: number
  /** A window's read markers could not be committed (they are retried with the next window). */
  onReadMarkerFlushError?: (error: unknown) => void
}

interface UpdateRow {
  seq: number
  data: Buffer
}

/** SQLite store in DIR/hallway.db (WAL: the CLI may write while a server runs). */
export class SqliteStore implements HallwayStore {
  private readonly db: Database.Database
  private readonly markers: SqliteReadMarkers
  private readonly compactAfter: number
  private readonly watchIntervalMs: number
  /** Log length per document, learned lazily; only steers when compaction runs. */
  private readonly logLengths = new Map<string, number>()
  private readonly externalListeners = new Set<() => void>()
  private watchTimer: ReturnType<typeof setInterval> | null = null
  private lastDataVersion = 0
  private closed = false

  private readonly stmts: Statements

  /** On a connection of its own (the CLI, tests, scripts). */
  static open(dataDir: string, options: SqliteStoreOptions = {}): SqliteStore {
    return SqliteStore.on(SqliteConnection.open(dataDir), options)
  }

  /**
   * On a connection the process's other SQLite stores share. Its commits are this process's own,
   * so they never look like a CLI write to onExternalChange.
   */
  static on(connection: SqliteConnection, options: SqliteStoreOptions = {}): SqliteStore {
    return new SqliteStore(connection, options)
  }

  private constructor(
    private readonly connection: SqliteConnection,
    options: SqliteStoreOptions,
  ) {
    const db = (this.db = connection.acquire())
    this.compactAfter = options.compactAfter ?? 500
    this.watchIntervalMs = options.watchIntervalMs ?? 1000
    migrate(db)
    this.stmts = prepareStatements(db)
    this.markers = new SqliteReadMarkers(db, options.readMarkerWindowMs ?? READ_MARKER_WINDOW_MS, options.onReadMarkerFlushError ?? (() => undefined))
    this.lastDataVersion = this.dataVersion()
  }

  async load(docName: string): Promise<Uint8Array[]> {
    return this.loadSync(docName)
  }

  loadSync(docName: string): Uint8Array[] {
    const read = this.db.transaction(() => {
      const snapshot = this.stmts.snapshot.get(docName) as { data: Buffer } | undefined
      const rows = this.stmts.logRows.all(docName) as UpdateRow[]
      return { snapshot, rows }
    })
    const { snapshot, rows } = read()
    this.logLengths.set(docName, rows.length)
    const updates = rows.map((row) => new Uint8Array(row.data))
    return snapshot ? [new Uint8Array(snapshot.data), ...updates] : updates
  }

  async append(docName: string, update: Uint8Array): Promise<void> {
    this.appendSync(docName, update)
  }

  appendSync(docName: string, update: Uint8Array): void {
    this.stmts.insertUpdate.run(docName, Buffer.from(update.buffer, update.byteOffset, update.byteLength))
    const known = this.logLengths.get(docName)
    const length = known === undefined ? this.countLog(docName) : known + 1
    this.logLengths.set(docName, length)
    if (length > this.compactAfter) this.compactSync(docName)
  }

  async compact(docName: string): Promise<void> {
    this.compactSync(docName)
  }

  /** Merges snapshot + log into one GC'd state and drops the folded rows, in one transaction. */
  compactSync(docName: string): void {
    const fold = this.db.transaction(() => {
      const snapshot = this.stmts.snapshot.get(docName) as { data: Buffer } | undefined
      const rows = this.stmts.logRows.all(docName) as UpdateRow[]
      if (rows.length === 0) return
      const doc = new Y.Doc()
      try {
        Y.transact(doc, () => {
          if (snapshot) Y.applyUpdate(doc, snapshot.data)
          for (const row of rows) Y.applyUpdate(doc, row.data)
        })
        const state = Y.encodeStateAsUpdate(doc)
        const foldedSeq = rows[rows.length - 1]!.seq
        this.stmts.upsertSnapshot.run(docName, Buffer.from(state), foldedSeq, Date.now())
        this.stmts.deleteFolded.run(docName, foldedSeq)
      } finally {
        doc.destroy()
      }
    })
    fold.immediate()
    this.logLengths.set(docName, 0)
  }

  async createTeam(team: TeamRecord, initialDocUpdate: Uint8Array): Promise<void> {
    this.createTeamSync(team, initialDocUpdate)
  }

  createTeamSync(team: TeamRecord, initialDocUpdate: Uint8Array): void {
    this.db
      .transaction(() => {
        this.stmts.insertTeam.run(team.id, team.name, team.createdAt)
        this.stmts.insertUpdate.run(teamDocName(team.id), Buffer.from(initialDocUpdate))
      })
      .immediate()
    this.logLengths.delete(teamDocName(team.id))
  }

  async getTeam(id: string): Promise<TeamRecord | null> {
    return this.getTeamSync(id)
  }

  getTeamSync(id: string): TeamRecord | null {
    return (this.stmts.getTeam.get(id) as TeamRecord | undefined) ?? null
  }

  readMarkers(teamId: string, userId: string): Promise<Map<string, number>> {
    return this.markers.readMarkers(teamId, userId)
  }

  /** Resolves with the markers that moved at once; they are committed with the window's others. */
  raiseReadMarkers(teamId: string, userId: string, markers: readonly ReadMarker[]): Promise<ReadMarker[]> {
    return this.markers.raiseReadMarkers(teamId, userId, markers)
  }

  dropReadMarkers(teamId: string, userId: string, roomIds: readonly string[]): Promise<void> {
    return this.markers.dropReadMarkers(teamId, userId, roomIds)
  }

  async claimDiscussionSeqs(teamId: string, roomId: string, seen: number, count: number): Promise<number> {
    return (this.stmts.claimDiscussionSeqs.get({ teamId, roomId, seen, count }) as { seq: number }).seq
  }

  /** Rows in the document's log (not counting its snapshot); for tests and diagnostics. */
  logLength(docName: string): number {
    return this.countLog(docName)
  }

  onExternalChange(listener: () => void): () => void {
    this.externalListeners.add(listener)
    if (!this.watchTimer && this.watchIntervalMs > 0) {
      this.watchTimer = setInterval(() => this.checkExternal(), this.watchIntervalMs)
      this.watchTimer.unref()
    }
    return () => {
      this.externalListeners.delete(listener)
      if (this.externalListeners.size === 0 && this.watchTimer) {
        clearInterval(this.watchTimer)
        this.watchTimer = null
      }
    }
  }

  /** SQLite bumps data_version only for commits by other connections: our own writes don't count. */
  checkExternal(): boolean {
    if (this.closed) return false
    const version = this.dataVersion()
    if (version === this.lastDataVersion) return false
    this.lastDataVersion = version
    this.logLengths.clear()
    for (const listener of this.externalListeners) listener()
    return true
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    if (this.watchTimer) clearInterval(this.watchTimer)
    this.externalListeners.clear()
    try {
      this.markers.flush()
    } finally {
      this.connection.release()
    }
  }

  private countLog(docName: string): number {
    return (this.stmts.logLength.get(docName) as { n: number }).n
  }

  private dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number
  }
}

type Statements = ReturnType<typeof prepareStatements>

function prepareStatements(db: Database.Database) {
  return {
    insertTeam: db.prepare('INSERT INTO teams (id, name, created_at) VALUES (?, ?, ?)'),
    getTeam: db.prepare('SELECT id, name, created_at AS createdAt FROM teams WHERE id = ?'),
    insertUpdate: db.prepare('INSERT INTO doc_updates (doc, data) VALUES (?, ?)'),
    logRows: db.prepare('SELECT seq, data FROM doc_updates WHERE doc = ? ORDER BY seq'),
    logLength: db.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE doc = ?'),
    snapshot: db.prepare('SELECT data FROM doc_snapshots WHERE doc = ?'),
    upsertSnapshot: db.prepare(
      'INSERT INTO doc_snapshots (doc, data, folded_seq, updated_at) VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT (doc) DO UPDATE SET data = excluded.data, folded_seq = excluded.folded_seq, updated_at = excluded.updated_at',
    ),
    deleteFolded: db.prepare('DELETE FROM doc_updates WHERE doc = ? AND seq <= ?'),
    claimDiscussionSeqs: db.prepare(
      'INSERT INTO discussion_seqs (team_id, room_id, seq) VALUES (@teamId, @roomId, @seen + @count) ' +
        'ON CONFLICT (team_id, room_id) DO UPDATE SET seq = MAX(discussion_seqs.seq, @seen) + @count RETURNING seq',
    ),
  }
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number
  if (version > SCHEMA_VERSION) {
    throw new Error(`This data directory was written by a newer Hallway (schema ${version}); update Hallway to open it.`)
  }
  if (version === SCHEMA_VERSION) return
  db.exec(`
    CREATE TABLE IF NOT EXISTS teams (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      created_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS doc_updates (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      doc TEXT NOT NULL,
      data BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS doc_updates_by_doc ON doc_updates (doc, seq);
    CREATE TABLE IF NOT EXISTS doc_snapshots (
      doc TEXT PRIMARY KEY,
      data BLOB NOT NULL,
      folded_seq INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS read_markers (
      team_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      room_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      PRIMARY KEY (team_id, user_id, room_id)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS discussion_seqs (
      team_id TEXT NOT NULL,
      room_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      PRIMARY KEY (team_id, room_id)
    ) WITHOUT ROWID;
    PRAGMA user_version = ${SCHEMA_VERSION};
  `)
}
