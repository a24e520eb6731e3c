import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { DB_FILE_NAME } from './sqlite-store'

/**
 * A connection of its own on DIR/hallway.db for an additive store (access, blobs): WAL, so the CLI
 * and the server see each other's commits; FULL sync, so an answered write survives a power cut.
 */
export function openSideConnection(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true })
  const db = new Database(join(dataDir, DB_FILE_NAME))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('busy_timeout = 5000')
  return db
}
