/** Where a core keeps its documents between runs. Hosts inject one: file, IndexedDB or memory. */
export interface StoragePort {
  /** Every stored update of a document, oldest first (after compaction: one state update). */
  load(docName: string): Promise<Uint8Array[]>
  /** Durably records one update; resolves once it would survive a crash of the host. */
  append(docName: string, update: Uint8Array): Promise<void>
  /** Replaces the document's log with one state update that contains everything appended so far. */
  compact(docName: string, state: Uint8Array): Promise<void>
  /** Deletes the document's stored copy durably: the next load returns nothing. */
  discard(docName: string): Promise<void>
  close(): Promise<void>
}

/** Keeps documents in memory only: for tests, the crowd tool, and hosts with no disk. */
export class MemoryStorage implements StoragePort {
  private readonly logs = new Map<string, Uint8Array[]>()

  async load(docName: string): Promise<Uint8Array[]> {
    return [...(this.logs.get(docName) ?? [])]
  }
  async append(docName: string, update: Uint8Array): Promise<void> {
    const log = this.logs.get(docName) ?? []
    log.push(update)
    this.logs.set(docName, log)
  }
  async compact(docName: string, state: Uint8Array): Promise<void> {
    this.logs.set(docName, [state])
  }
  async discard(docName: string): Promise<void> {
    this.logs.delete(docName)
  }
  async close(): Promise<void> {}
}
