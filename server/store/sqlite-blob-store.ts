import type Database from 'better-sqlite3'
import type { BlobStore, StoredBlob } from './blob-store'
import { SqliteConnection } from './sqlite-connection'

/** Blobs in DIR/hallway.db (an additive table: no schema version to bump). */
export class SqliteBlobStore implements BlobStore {
  private readonly insert: Database.Statement
  private readonly select: Database.Statement
  private closed = false

  /** On a connection of its own (tests). */
  static open(dataDir: string): SqliteBlobStore {
    return SqliteBlobStore.on(SqliteConnection.open(dataDir))
  }

  /** On a connection the process's other SQLite stores share. */
  static on(connection: SqliteConnection): SqliteBlobStore {
    return new SqliteBlobStore(connection)
  }

  private constructor(private readonly connection: SqliteConnection) {
    const db = connection.acquire()
    db.exec(`
      CREATE TABLE IF NOT EXISTS blobs (
        sha256 TEXT PRIMARY KEY,
        content_type TEXT NOT NULL,
        bytes BLOB NOT NULL,
        created_at INTEGER NOT NULL
      );
    `)
    this.insert = db.prepare('INSERT OR IGNORE INTO blobs (sha256, content_type, bytes, created_at) VALUES (?, ?, ?, ?)')
    this.select = db.prepare('SELECT content_type AS contentType, bytes FROM blobs WHERE sha256 = ?')
  }

  async putBlob(sha256: string, blob: StoredBlob): Promise<boolean> {
    return this.insert.run(sha256, blob.contentType, Buffer.from(blob.bytes), Date.now()).changes > 0
  }

  async getBlob(sha256: string): Promise<StoredBlob | null> {
    const row = this.select.get(sha256) as { contentType: string; bytes: Buffer } | undefined
    return row ? { contentType: row.contentType, bytes: new Uint8Array(row.bytes) } : null
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.connection.release()
  }
}
