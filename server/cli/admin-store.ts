import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { AdminError, requireTeam } from '../admin/teams'
import { loadOrCreateSecret } from '../auth/secret'
import { createLogger, parseLogLevel } from '../observe/log'
import { postgresUrlError } from '../fanout/scale-out-config'
import type { AccessStore } from '../store/access-store'
import type { HallwayStore } from '../store/doc-store'
import { SqliteAccessStore } from '../store/sqlite-access-store'
import { DB_FILE_NAME } from '../store/sqlite-connection'
import { SqliteStore } from '../store/sqlite-store'
import { UsageError, required } from './args'

/** Where the CLI reads and writes teams, documents and the token secret. */
export interface AdminStore {
  store: HallwayStore
  secret: Uint8Array
  close(): Promise<void>
}

/**
 * `--data DIR` (the embedded SQLite store and DIR/secret.key) or `--postgres URL` (a scale-out
 * cluster's database, which also holds the secret). Writes to Postgres are announced, so running
 * nodes reload the documents they have open, as they do for SQLite.
 */
export async function openAdminStore(flags: Record<string, string | undefined>, options: { create: boolean }): Promise<AdminStore> {
  const dataDir = flags.data
  const postgresUrl = flags.postgres
  if (dataDir && postgresUrl) throw new UsageError('Give either --data DIR or --postgres URL, not both.')
  if (postgresUrl) {
    const error = postgresUrlError(postgresUrl)
    if (error) throw new UsageError(error)
    const log = createLogger({ level: parseLogLevel(process.env.HALLWAY_LOG_LEVEL, 'warn') })
    // Only with --postgres: the SQLite commands start without loading pg.
    const { PostgresStore } = await import('../store/postgres-store')
    const store = await PostgresStore.open(postgresUrl, { announceWrites: true, log })
    try {
      return { store, secret: await store.signingSecret(), close: () => store.close() }
    } catch (failure) {
      await store.close()
      throw failure
    }
  }
  if (!dataDir) throw new UsageError('Missing --data DIR (or --postgres URL for a scale-out cluster).')
  if (!options.create && !existsSync(join(dataDir, DB_FILE_NAME))) {
    throw new AdminError(`No Hallway data in ${dataDir} (no ${DB_FILE_NAME}). Create a team first: npm run hallway -- team create --data ${dataDir} --name NAME`)
  }
  const secret = loadOrCreateSecret(dataDir)
  const store = SqliteStore.open(dataDir, { watchIntervalMs: 0 })
  return { store, secret, close: () => store.close() }
}

/** Commands other than `team create` need an existing store and team; they sign with its secret. */
export async function existingTeamAndSecret(flags: Record<string, string | undefined>): Promise<{ teamId: string; secret: Uint8Array }> {
  const teamId = required(flags, 'team')
  const admin = await openAdminStore(flags, { create: false })
  try {
    await requireTeam(admin.store, teamId)
    return { teamId, secret: admin.secret }
  } finally {
    await admin.close()
  }
}

/** Revocations and invites, from the same place as the teams (a team check comes first). */
export async function openAccessStore(flags: Record<string, string | undefined>): Promise<AccessStore> {
  if (flags.postgres) {
    const { PostgresAccessStore } = await import('../store/postgres-access-store')
    return PostgresAccessStore.open(flags.postgres, { log: createLogger({ level: parseLogLevel(process.env.HALLWAY_LOG_LEVEL, 'warn') }) })
  }
  return SqliteAccessStore.open(required(flags, 'data'))
}
