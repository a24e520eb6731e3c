import pg from 'pg'
import type { Logger } from '../observe/log'
import type { BlobStore, StoredBlob } from './blob-store'
import { openMigratedPool } from './postgres-pool'

/** Blobs in the cluster's Postgres (`hallway_blobs`), so any node serves what another stored. */
export class PostgresBlobStore implements BlobStore {
  static async open(connectionString: string, options: { log?: Logger } = {}): Promise<PostgresBlobStore> {
    const pool = await openMigratedPool(connectionString, 'blob store', { log: options.log, max: 2 })
    return new PostgresBlobStore(pool)
  }

  private constructor(private readonly pool: pg.Pool) {}

  async putBlob(sha256: string, blob: StoredBlob): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'INSERT INTO hallway_blobs (sha256, content_type, bytes, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING',
      [sha256, blob.contentType, Buffer.from(blob.bytes), Date.now()],
    )
    return (rowCount ?? 0) > 0
  }

  async getBlob(sha256: string): Promise<StoredBlob | null> {
    const { rows } = await this.pool.query<{ content_type: string; bytes: Buffer }>(
      'SELECT content_type, bytes FROM hallway_blobs WHERE sha256 = $1',
      [sha256],
    )
    const row = rows[0]
    return row ? { contentType: row.content_type, bytes: new Uint8Array(row.bytes) } : null
  }

  async close(): Promise<void> {
    await this.pool.end()
  }
}
