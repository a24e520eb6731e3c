import type Database from 'better-sqlite3'
import { roleSchema } from '../../shared/model/value-schemas'
import type { AccessStore, InviteRecord, Revocation } from './access-store'
import { SqliteConnection } from './sqlite-connection'

/**
 * Revocations and invites in DIR/hallway.db (WAL: the CLI and the server see each other's
 * commits). Its tables are additive: no schema version to bump.
 */
export class SqliteAccessStore implements AccessStore {
  private readonly stmts: ReturnType<typeof prepare>
  private readonly db: Database.Database
  private closed = false

  /** On a connection of its own (the CLI, tests). */
  static open(dataDir: string): SqliteAccessStore {
    return SqliteAccessStore.on(SqliteConnection.open(dataDir))
  }

  /** On a connection the process's other SQLite stores share. */
  static on(connection: SqliteConnection): SqliteAccessStore {
    return new SqliteAccessStore(connection)
  }

  private constructor(private readonly connection: SqliteConnection) {
    const db = (this.db = connection.acquire())
    db.exec(`
      CREATE TABLE IF NOT EXISTS revocations (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        team_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        revoked_at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS revocations_by_user ON revocations (team_id, user_id);
      CREATE TABLE IF NOT EXISTS invites (
        code_hash TEXT PRIMARY KEY,
        team_id TEXT NOT NULL,
        role TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
    `)
    this.stmts = prepare(db)
  }

  async revoke(teamId: string, userId: string, at: number): Promise<Revocation> {
    const { lastInsertRowid } = this.stmts.insertRevocation.run(teamId, userId, at)
    return { seq: Number(lastInsertRowid), teamId, userId, revokedAt: at }
  }

  async revokedAt(teamId: string, userId: string): Promise<number | null> {
    const row = this.stmts.revokedAt.get(teamId, userId) as { at: number | null }
    return row.at
  }

  async revocationsSince(afterSeq: number): Promise<Revocation[]> {
    return this.stmts.revocationsSince.all(afterSeq) as Revocation[]
  }

  async latestRevocationSeq(): Promise<number> {
    return (this.stmts.latestSeq.get() as { seq: number | null }).seq ?? 0
  }

  async createInvite(codeHash: string, invite: InviteRecord): Promise<void> {
    this.stmts.insertInvite.run(codeHash, invite.teamId, invite.role, invite.createdAt, invite.expiresAt)
  }

  async findInvite(codeHash: string): Promise<InviteRecord | null> {
    const row = this.stmts.findInvite.get(codeHash) as (Omit<InviteRecord, 'role'> & { role: string }) | undefined
    if (!row) return null
    return { ...row, role: roleSchema.parse(row.role) }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.connection.release()
  }
}

function prepare(db: Database.Database) {
  return {
    insertRevocation: db.prepare('INSERT INTO revocations (team_id, user_id, revoked_at) VALUES (?, ?, ?)'),
    revokedAt: db.prepare('SELECT MAX(revoked_at) AS at FROM revocations WHERE team_id = ? AND user_id = ?'),
    revocationsSince: db.prepare(
      'SELECT seq, team_id AS teamId, user_id AS userId, revoked_at AS revokedAt FROM revocations WHERE seq > ? ORDER BY seq',
    ),
    latestSeq: db.prepare('SELECT MAX(seq) AS seq FROM revocations'),
    insertInvite: db.prepare('INSERT INTO invites (code_hash, team_id, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?)'),
    findInvite: db.prepare('SELECT team_id AS teamId, role, created_at AS createdAt, expires_at AS expiresAt FROM invites WHERE code_hash = ?'),
  }
}
