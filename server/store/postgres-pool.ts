import pg from 'pg'
import { createLogger, type Logger } from '../observe/log'
import { redactUrl } from '../observe/redact-url'
import { migratePostgres } from './postgres-schema'

/**
 * A pool on the cluster's Postgres with the schema migrated; `what` names the store in the error
 * a failed open throws (its URL without the password).
 */
export async function openMigratedPool(connectionString: string, what: string, options: { log?: Logger | undefined; max: number }): Promise<pg.Pool> {
  const log = options.log ?? createLogger()
  const pool = new pg.Pool({ connectionString, max: options.max })
  pool.on('error', (error) => log.warn('idle postgres connection failed', { error }))
  try {
    await migratePostgres(pool)
  } catch (error) {
    await pool.end().catch(() => {})
    throw new Error(`Could not open the Postgres ${what} at ${redactUrl(connectionString)}: ${(error as Error).message}`, { cause: error })
  }
  return pool
}
