import { randomBytes } from 'node:crypto'
import pg from 'pg'
import * as Y from 'yjs'
import { teamDocName } from '../../shared/contract/doc-names'
import { createLogger, type Logger } from '../observe/log'
import type { ReadMarker } from '../../shared/contract/read-markers'
import type { HallwayStore, TeamRecord } from './doc-store'
import { PgChannelListener } from './pg-listener'
import { openMigratedPool } from './postgres-pool'
import { LOCK_COMPACT } from './postgres-schema'
import { inTransaction } from './postgres-transaction'

/** Writes that servers learn about through Postgres (the CLI's) rather than through Redis. */
export const EXTERNAL_WRITE_CHANNEL = 'hallway_external_write'

export interface PostgresStoreOptions {
  /** Fold a document's log into its snapshot once this node has seen it grow past this many rows. */
  compactAfter?: number
  /**
   * NOTIFY servers of every append so they reload: for the CLI. Servers leave it off; their
   * writes reach the other nodes through Redis.
   */
  announceWrites?: boolean
  poolSize?: number
  log?: Logger
}

/** `busy`: another node holds this document's compaction lock. `empty`: nothing to fold. */
export type CompactResult = 'compacted' | 'busy' | 'empty'

interface StoredRow {
  part: number
  seq: string
  data: Buffer
}

/**
 * The scale-out store: the same tables and semantics as SqliteStore, shared by every node.
 * Compaction takes a per-document advisory lock, so one node at a time folds a document.
 */
export class PostgresStore implements HallwayStore {
  private readonly compactAfter: number
  private readonly announceWrites: boolean
  private readonly log: Logger
  /** Log rows per document as this node knows them; only steers when compaction runs. */
  private readonly logLengths = new Map<string, number>()
  private readonly compactions = new Map<string, Promise<unknown>>()
  private readonly externalListeners = new Set<() => void>()
  private listener: PgChannelListener | null = null
  private closed = false

  static async open(connectionString: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const log = options.log ?? createLogger()
    const pool = await openMigratedPool(connectionString, 'store', { log, max: options.poolSize ?? 10 })
    return new PostgresStore(pool, connectionString, { ...options, log })
  }

  private constructor(
    private readonly pool: pg.Pool,
    private readonly connectionString: string,
    options: PostgresStoreOptions & { log: Logger },
  ) {
    this.compactAfter = options.compactAfter ?? 500
    this.announceWrites = options.announceWrites ?? false
    this.log = options.log
  }

  async load(docName: string): Promise<Uint8Array[]> {
    // One statement sees one snapshot, so a compaction committing meanwhile cannot split the read.
    const { rows } = await this.pool.query<StoredRow>(READ_STORED, [docName])
    this.logLengths.set(docName, rows.filter((row) => row.part === 1).length)
    return rows.map((row) => new Uint8Array(row.data))
  }

  async append(docName: string, update: Uint8Array): Promise<void> {
    const data = Buffer.from(update.buffer, update.byteOffset, update.byteLength)
    if (this.announceWrites) {
      await this.pool.query(
        'WITH added AS (INSERT INTO hallway_doc_updates (doc, data) VALUES ($1, $2) RETURNING doc) SELECT pg_notify($3, doc) FROM added',
        [docName, data, EXTERNAL_WRITE_CHANNEL],
      )
    } else {
      await this.pool.query('INSERT INTO hallway_doc_updates (doc, data) VALUES ($1, $2)', [docName, data])
    }
    const length = (this.logLengths.get(docName) ?? 0) + 1
    this.logLengths.set(docName, length)
    if (length > this.compactAfter && !this.compactions.has(docName)) this.compactInBackground(docName)
  }

  async compact(docName: string): Promise<void> {
    await this.tryCompact(docName)
  }

  /** Merges snapshot + log into one state and drops exactly the rows it folded, in one transaction. */
  async tryCompact(docName: string): Promise<CompactResult> {
    // 'busy' and 'empty' commit a transaction that only read: the same as rolling it back.
    const result = await inTransaction<CompactResult>(this.pool, async (client) => {
      const lock = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked', [LOCK_COMPACT, docName])
      if (!lock.rows[0]?.locked) return 'busy'
      const { rows } = await client.query<StoredRow>(READ_STORED, [docName])
      const folded = rows.filter((row) => row.part === 1).map((row) => row.seq)
      if (folded.length === 0) return 'empty'
      const state = foldState(rows.map((row) => row.data))
      await client.query(
        'INSERT INTO hallway_doc_snapshots (doc, data, updated_at) VALUES ($1, $2, $3) ' +
          'ON CONFLICT (doc) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at',
        [docName, Buffer.from(state), Date.now()],
      )
      // By seq, not "seq <= last": a row from a transaction that commits after our read has a
      // lower seq than rows we folded, and must stay in the log.
      await client.query('DELETE FROM hallway_doc_updates WHERE doc = $1 AND seq = ANY($2::bigint[])', [docName, folded])
      return 'compacted'
    })
    if (result === 'compacted') this.logLengths.set(docName, 0)
    return result
  }

  async createTeam(team: TeamRecord, initialDocUpdate: Uint8Array): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query('INSERT INTO hallway_teams (id, name, created_at) VALUES ($1, $2, $3)', [team.id, team.name, team.createdAt])
      await client.query('INSERT INTO hallway_doc_updates (doc, data) VALUES ($1, $2)', [teamDocName(team.id), Buffer.from(initialDocUpdate)])
    })
  }

  async getTeam(id: string): Promise<TeamRecord | null> {
    const { rows } = await this.pool.query<{ id: string; name: string; created_at: string }>(
      'SELECT id, name, created_at FROM hallway_teams WHERE id = $1',
      [id],
    )
    const row = rows[0]
    return row ? { id: row.id, name: row.name, createdAt: Number(row.created_at) } : null
  }

  /**
   * The HS256 token secret, shared by every node and the CLI through the database (so nodes
   * need no shared disk). The first caller creates it; concurrent first callers agree on one.
   */
  async signingSecret(): Promise<Uint8Array> {
    await this.pool.query(`INSERT INTO hallway_settings (key, value) VALUES ('signing_secret', $1) ON CONFLICT (key) DO NOTHING`, [
      randomBytes(32).toString('hex'),
    ])
    const { rows } = await this.pool.query<{ value: string }>(`SELECT value FROM hallway_settings WHERE key = 'signing_secret'`)
    const hex = rows[0]?.value ?? ''
    if (!/^(?:[0-9a-f]{2}){32,}$/i.test(hex)) throw new Error('The signing secret in hallway_settings is not 32+ bytes of hex; delete that row to create a new one (existing tokens stop working).')
    return new Uint8Array(Buffer.from(hex, 'hex'))
  }

  async readMarkers(teamId: string, userId: string): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ room_id: string; seq: string }>(
      'SELECT room_id, seq FROM hallway_read_markers WHERE team_id = $1 AND user_id = $2',
      [teamId, userId],
    )
    return new Map(rows.map((row) => [row.room_id, Number(row.seq)]))
  }

  async raiseReadMarkers(teamId: string, userId: string, markers: readonly ReadMarker[]): Promise<ReadMarker[]> {
    const { rows } = await this.pool.query<{ room_id: string; seq: string }>(
      'INSERT INTO hallway_read_markers (team_id, user_id, room_id, seq) ' +
        'SELECT $1, $2, marker.room_id, marker.seq FROM unnest($3::text[], $4::bigint[]) AS marker (room_id, seq) ' +
        'ON CONFLICT (team_id, user_id, room_id) DO UPDATE SET seq = excluded.seq WHERE excluded.seq > hallway_read_markers.seq ' +
        'RETURNING room_id, seq',
      [teamId, userId, markers.map((marker) => marker.roomId), markers.map((marker) => marker.seq)],
    )
    return rows.map((row) => ({ roomId: row.room_id, seq: Number(row.seq) }))
  }

  async dropReadMarkers(teamId: string, userId: string, roomIds: readonly string[]): Promise<void> {
    await this.pool.query('DELETE FROM hallway_read_markers WHERE team_id = $1 AND user_id = $2 AND room_id = ANY($3::text[])', [teamId, userId, roomIds])
  }

  async claimDiscussionSeqs(teamId: string, roomId: string, seen: number, count: number): Promise<number> {
    const { rows } = await this.pool.query<{ seq: string }>(
      'INSERT INTO hallway_discussion_seqs (team_id, room_id, seq) VALUES ($1, $2, $3::bigint + $4::bigint) ' +
        'ON CONFLICT (team_id, room_id) DO UPDATE SET seq = GREATEST(hallway_discussion_seqs.seq, $3::bigint) + $4::bigint RETURNING seq',
      [teamId, roomId, seen, count],
    )
    return Number(rows[0]!.seq)
  }

  /** Rows in the document's log (not counting its snapshot); for tests and diagnostics. */
  async logLength(docName: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM hallway_doc_updates WHERE doc = $1', [docName])
    return Number(rows[0]?.n ?? 0)
  }

  onExternalChange(listener: () => void): () => void {
    this.externalListeners.add(listener)
    this.listener ??= new PgChannelListener(this.connectionString, EXTERNAL_WRITE_CHANNEL, () => this.externalChanged(), this.log)
    return () => {
      this.externalListeners.delete(listener)
      if (this.externalListeners.size > 0 || !this.listener) return
      void this.listener.close()
      this.listener = null
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.externalListeners.clear()
    await this.listener?.close()
    await Promise.all(this.compactions.values())
    await this.pool.end()
  }

  private externalChanged(): void {
    this.logLengths.clear()
    for (const listener of this.externalListeners) listener()
  }

  private compactInBackground(docName: string): void {
    const running = this.tryCompact(docName)
      .then((result) => {
        // Another node is folding this document right now; count afresh from here.
        if (result === 'busy') this.logLengths.set(docName, 0)
      })
      .catch((error) => this.log.error('compaction failed', { doc: docName, error }))
      .finally(() => this.compactions.delete(docName))
    this.compactions.set(docName, running)
  }
}

const READ_STORED =
  'SELECT part, seq, data FROM (' +
  'SELECT 0 AS part, 0::bigint AS seq, data FROM hallway_doc_snapshots WHERE doc = $1 ' +
  'UNION ALL SELECT 1 AS part, seq, data FROM hallway_doc_updates WHERE doc = $1' +
  ') stored ORDER BY part, seq'

function foldState(updates: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc()
  try {
    Y.transact(doc, () => updates.forEach((update) => Y.applyUpdate(doc, update)))
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}
