import type pg from 'pg'
import { inTransaction } from './postgres-transaction'

/**
 * Tables only added (with IF NOT EXISTS) keep the version: a node of the previous release still
 * starts on the database during a rolling upgrade, and leaves the new tables alone.
 */
export const SCHEMA_VERSION = 1

/**
 * Advisory lock namespaces (the first key of the two-key form), so Hallway's locks never meet
 * another application's in a shared database.
 */
export const LOCK_SCHEMA = 0x4877_0001
export const LOCK_COMPACT = 0x4877_0002
export const LOCK_REVOKE = 0x4877_0003

/**
 * Creates or checks the tables. Every node runs this on start; the transaction-scoped advisory
 * lock makes concurrent starts take turns (CREATE TABLE IF NOT EXISTS alone races in Postgres).
 */
export async function migratePostgres(pool: pg.Pool): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_SCHEMA])
    await client.query(`
      CREATE TABLE IF NOT EXISTS hallway_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS hallway_teams (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS hallway_doc_updates (
        seq BIGSERIAL PRIMARY KEY,
        doc TEXT NOT NULL,
        data BYTEA NOT NULL
      );
      CREATE INDEX IF NOT EXISTS hallway_doc_updates_by_doc ON hallway_doc_updates (doc, seq);
      CREATE TABLE IF NOT EXISTS hallway_doc_snapshots (
        doc TEXT PRIMARY KEY,
        data BYTEA NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS hallway_revocations (
        seq BIGSERIAL PRIMARY KEY,
        team_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        revoked_at BIGINT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS hallway_revocations_by_user ON hallway_revocations (team_id, user_id);
      CREATE TABLE IF NOT EXISTS hallway_invites (
        code_hash TEXT PRIMARY KEY,
        team_id TEXT NOT NULL,
        role TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS hallway_blobs (
        sha256 TEXT PRIMARY KEY,
        content_type TEXT NOT NULL,
        bytes BYTEA NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS hallway_read_markers (
        team_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        room_id TEXT NOT NULL,
        seq BIGINT NOT NULL,
        PRIMARY KEY (team_id, user_id, room_id)
      );
      CREATE TABLE IF NOT EXISTS hallway_discussion_seqs (
        team_id TEXT NOT NULL,
        room_id TEXT NOT NULL,
        seq BIGINT NOT NULL,
        PRIMARY KEY (team_id, room_id)
      );
    `)
    const { rows } = await client.query<{ value: string }>(`SELECT value FROM hallway_settings WHERE key = 'schema_version'`)
    const version = rows[0] ? Number(rows[0].value) : 0
    if (version > SCHEMA_VERSION) {
      throw new Error(`This Postgres database was written by a newer Hallway (schema ${version}); update Hallway to use it.`)
    }
    if (version < SCHEMA_VERSION) {
      await client.query(
        `INSERT INTO hallway_settings (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        [String(SCHEMA_VERSION)],
      )
    }
  })
}
