import { mkdir, open, readFile, rename, rm, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import type { StoragePort } from '../../shared/core/storage-port'
import { docFileName } from './doc-file-name'
import { decodeRecords, encodeRecord } from './log-records'

/**
 * Crash-safe StoragePort on plain files, for Node and Electron's utility process: one append-only
 * log per document. append() resolves only after its record is fdatasynced; load() keeps every
 * intact record and cuts off a torn tail; compact() swaps in a new file atomically.
 */
export class FileStorage implements StoragePort {
  private readonly handles = new Map<string, FileHandle>()
  /** Per-document queue: operations on one log never interleave. */
  private readonly queues = new Map<string, Promise<unknown>>()
  private closed = false

  constructor(private readonly dir: string) {}

  load(docName: string): Promise<Uint8Array[]> {
    return this.enqueue(docName, async () => {
      const path = this.pathOf(docName)
      const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null
        throw error
      })
      if (!bytes) return []
      const { records, intactLength } = decodeRecords(bytes)
      if (intactLength < bytes.length) await this.truncate(docName, intactLength)
      return records
    })
  }

  append(docName: string, update: Uint8Array): Promise<void> {
    return this.enqueue(docName, async () => {
      const handle = await this.appendHandle(docName)
      await handle.write(encodeRecord(update))
      await handle.datasync()
    })
  }

  compact(docName: string, state: Uint8Array): Promise<void> {
    return this.enqueue(docName, async () => {
      await this.closeHandle(docName)
      const path = this.pathOf(docName)
      // A temp file left by a crash mid-compaction is simply overwritten here.
      const temp = path + '.tmp'
      const handle = await open(temp, 'w')
      try {
        await handle.write(encodeRecord(state))
        await handle.sync()
      } finally {
        await handle.close()
      }
      await rename(temp, path)
      await this.syncDir()
    })
  }

  discard(docName: string): Promise<void> {
    return this.enqueue(docName, async () => {
      await this.closeHandle(docName)
      await rm(this.pathOf(docName), { force: true })
      await this.syncDir().catch((error: NodeJS.ErrnoException) => {
        // Nothing was ever written here, so there is nothing to make durable.
        if (error.code !== 'ENOENT') throw error
      })
    })
  }

  async close(): Promise<void> {
    this.closed = true
    await Promise.allSettled(this.queues.values())
    await Promise.all([...this.handles.keys()].map((docName) => this.closeHandle(docName)))
  }

  private enqueue<T>(docName: string, operation: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('Storage is closed.'))
    const previous = this.queues.get(docName) ?? Promise.resolve()
    const next = previous.catch(() => undefined).then(operation)
    this.queues.set(docName, next)
    return next
  }

  private pathOf(docName: string): string {
    return join(this.dir, docFileName(docName))
  }

  private async appendHandle(docName: string): Promise<FileHandle> {
    const existing = this.handles.get(docName)
    if (existing) return existing
    await mkdir(this.dir, { recursive: true })
    const path = this.pathOf(docName)
    // 'ax' tells us whether the file is new: a new directory entry needs the directory synced too.
    const created = await open(path, 'ax').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return null
      throw error
    })
    if (created) {
      await created.close()
      await this.syncDir()
    }
    const handle = await open(path, 'a')
    this.handles.set(docName, handle)
    return handle
  }

  private async truncate(docName: string, length: number): Promise<void> {
    await this.closeHandle(docName)
    const handle = await open(this.pathOf(docName), 'r+')
    try {
      await handle.truncate(length)
      await handle.sync()
    } finally {
      await handle.close()
    }
  }

  private async closeHandle(docName: string): Promise<void> {
    const handle = this.handles.get(docName)
    if (!handle) return
    this.handles.delete(docName)
    await handle.close()
  }

  /** Makes renames and new files durable. Windows cannot open a directory for syncing. */
  private async syncDir(): Promise<void> {
    if (process.platform === 'win32') return
    const handle = await open(this.dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  }
}

