import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

export const DB_FILE_NAME = 'hallway.db'

/**
 * One connection on DIR/hallway.db that the SQLite stores of a process share (documents, access,
 * blobs): each connection costs its own page cache and statement memory, and better-sqlite3 runs
 * every statement and transaction to its end synchronously, so stores on one connection cannot
 * interleave inside each other's transactions. WAL, so the CLI and the server see each other's
 * commits; FULL sync, so an answered write survives a power cut. Closed when its last store is.
 */
export class SqliteConnection {
  private users = 0

  private constructor(private readonly db: Database.Database) {}

  static open(dataDir: string): SqliteConnection {
    mkdirSync(dataDir, { recursive: true })
    const db = new Database(join(dataDir, DB_FILE_NAME))
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('busy_timeout = 5000')
    return new SqliteConnection(db)
  }

  /** A store starts using the connection; it gives it back with release(). */
  acquire(): Database.Database {
    if (!this.db.open) throw new Error('This SQLite connection is closed: every store on it has been closed.')
    this.users++
    return this.db
  }

  /** A store is done with it; the last one closes it. */
  release(): void {
    this.users--
    if (this.users === 0 && this.db.open) this.db.close()
  }
}
