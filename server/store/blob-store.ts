/**
 * Immutable bytes by their sha256 (hex): avatar photos. Content-addressed, so a write of bytes
 * already held changes nothing and two nodes writing the same bytes agree.
 */
export interface BlobStore {
  /** Stores the bytes under `sha256`; false if they were already there. The caller computes the hash. */
  putBlob(sha256: string, blob: StoredBlob): Promise<boolean>
  getBlob(sha256: string): Promise<StoredBlob | null>
  close(): Promise<void>
}

export interface StoredBlob {
  contentType: string
  bytes: Uint8Array
}
