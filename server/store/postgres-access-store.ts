import pg from 'pg'
import { roleSchema } from '../../shared/model/value-schemas'
import type { Logger } from '../observe/log'
import type { AccessStore, InviteRecord, Revocation } from './access-store'
import { openMigratedPool } from './postgres-pool'
import { LOCK_REVOKE } from './postgres-schema'
import { inTransaction } from './postgres-transaction'

/** Revocations and invites in the cluster's Postgres, so every node and the CLI see the same ones. */
export class PostgresAccessStore implements AccessStore {
  static async open(connectionString: string, options: { log?: Logger } = {}): Promise<PostgresAccessStore> {
    const pool = await openMigratedPool(connectionString, 'access store', { log: options.log, max: 2 })
    return new PostgresAccessStore(pool)
  }

  private constructor(private readonly pool: pg.Pool) {}

  async revoke(teamId: string, userId: string, at: number): Promise<Revocation> {
    return inTransaction(this.pool, async (client) => {
      // One writer at a time, so seqs commit in order: a watcher that has seen seq N never misses N-1.
      await client.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_REVOKE])
      const { rows } = await client.query<{ seq: string }>(
        'INSERT INTO hallway_revocations (team_id, user_id, revoked_at) VALUES ($1, $2, $3) RETURNING seq',
        [teamId, userId, at],
      )
      return { seq: Number(rows[0]!.seq), teamId, userId, revokedAt: at }
    })
  }

  async revokedAt(teamId: string, userId: string): Promise<number | null> {
    const { rows } = await this.pool.query<{ at: string | null }>(
      'SELECT MAX(revoked_at) AS at FROM hallway_revocations WHERE team_id = $1 AND user_id = $2',
      [teamId, userId],
    )
    return rows[0]?.at == null ? null : Number(rows[0].at)
  }

  async revocationsSince(afterSeq: number): Promise<Revocation[]> {
    const { rows } = await this.pool.query<{ seq: string; team_id: string; user_id: string; revoked_at: string }>(
      'SELECT seq, team_id, user_id, revoked_at FROM hallway_revocations WHERE seq > $1 ORDER BY seq',
      [afterSeq],
    )
    return rows.map((row) => ({ seq: Number(row.seq), teamId: row.team_id, userId: row.user_id, revokedAt: Number(row.revoked_at) }))
  }

  async latestRevocationSeq(): Promise<number> {
    const { rows } = await this.pool.query<{ seq: string | null }>('SELECT MAX(seq) AS seq FROM hallway_revocations')
    return Number(rows[0]?.seq ?? 0)
  }

  async createInvite(codeHash: string, invite: InviteRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO hallway_invites (code_hash, team_id, role, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [codeHash, invite.teamId, invite.role, invite.createdAt, invite.expiresAt],
    )
  }

  async findInvite(codeHash: string): Promise<InviteRecord | null> {
    const { rows } = await this.pool.query<{ team_id: string; role: string; created_at: string; expires_at: string }>(
      'SELECT team_id, role, created_at, expires_at FROM hallway_invites WHERE code_hash = $1',
      [codeHash],
    )
    const row = rows[0]
    if (!row) return null
    return { teamId: row.team_id, role: roleSchema.parse(row.role), createdAt: Number(row.created_at), expiresAt: Number(row.expires_at) }
  }

  async close(): Promise<void> {
    await this.pool.end()
  }
}
