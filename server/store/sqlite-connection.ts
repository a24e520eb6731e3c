import type Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { builtLeanBinding } from './sqlite-lean-build'

// Required, not imported: an ES import of a CommonJS package makes node load its CommonJS export
// lexer and scan the package's source for names, ~0.5 MB of an idle server's RSS for nothing
// (better-sqlite3 is the only CommonJS package the built server loads at start).
const BetterSqlite3 = createRequire(import.meta.url)('better-sqlite3') as typeof Database

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

  /**
   * Which SQLite it runs on, read from the library itself: 'lean' is the build setup makes
   * (sqlite-lean-build.ts, ~1.1 MB less idle RSS), 'stock' better-sqlite3's own, which the store
   * falls back to where setup has not built the lean one. Both read and write the same files.
   */
  readonly build: 'lean' | 'stock'

  private constructor(private readonly db: Database.Database) {
    this.build = db.prepare("SELECT sqlite_compileoption_used('ENABLE_FTS5') AS fts5").pluck().get() === 0 ? 'lean' : 'stock'
  }

  /** On the lean build when setup has made it; `binding: 'stock'` opens on better-sqlite3's own. */
  static open(dataDir: string, { binding = 'lean' }: { binding?: 'lean' | 'stock' } = {}): SqliteConnection {
    mkdirSync(dataDir, { recursive: true })
    const nativeBinding = binding === 'lean' ? builtLeanBinding() : undefined
    const db = new BetterSqlite3(join(dataDir, DB_FILE_NAME), nativeBinding ? { nativeBinding } : {})
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
