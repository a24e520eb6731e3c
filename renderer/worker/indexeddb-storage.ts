import type { StoragePort } from '../../shared/core/storage-port'

const STORE = 'updates'
const BY_DOC = 'byDoc'

interface UpdateRecord {
  doc: string
  update: Uint8Array
}

export interface IndexedDbStorageOptions {
  /** Database name; one per origin is enough, documents are keyed inside it. */
  name?: string
  /** Defaults to the host's `indexedDB` (window or worker). */
  factory?: IDBFactory
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted.'))
    tx.onerror = () => reject(tx.error)
  })
}

/** Structured clone copies a view's whole buffer; updates are often views into a bigger message. */
function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice()
}

/** Deletes a document's records inside the store's transaction, then runs `after` in it. */
function deleteLog(store: IDBObjectStore, docName: string, after: () => void = () => {}): void {
  const cursorRequest = store.index(BY_DOC).openKeyCursor(docName)
  cursorRequest.onsuccess = () => {
    const cursor = cursorRequest.result
    if (!cursor) return after()
    store.delete(cursor.primaryKey)
    cursor.continue()
  }
}

/**
 * The web host's StoragePort: one object store of updates under auto-increment keys, indexed by
 * document. An index lists equal keys in primary-key order, so a document's log reads back
 * oldest first; compaction swaps the log for one state in a single transaction.
 */
export class IndexedDbStorage implements StoragePort {
  private readonly db: Promise<IDBDatabase>

  constructor(options: IndexedDbStorageOptions = {}) {
    const factory = options.factory ?? indexedDB
    const open = factory.open(options.name ?? 'hallway', 1)
    open.onupgradeneeded = () => {
      const store = open.result.createObjectStore(STORE, { autoIncrement: true })
      store.createIndex(BY_DOC, 'doc')
    }
    this.db = request(open).then((db) => {
      // Another tab upgrading the schema must not be blocked by us.
      db.onversionchange = () => db.close()
      return db
    })
  }

  async load(docName: string): Promise<Uint8Array[]> {
    const tx = (await this.db).transaction(STORE, 'readonly')
    const records = await request(tx.objectStore(STORE).index(BY_DOC).getAll(docName) as IDBRequest<UpdateRecord[]>)
    return records.map((record) => record.update)
  }

  async append(docName: string, update: Uint8Array): Promise<void> {
    // 'strict' waits for the disk flush: the port promises the update survives a crash.
    const tx = (await this.db).transaction(STORE, 'readwrite', { durability: 'strict' })
    tx.objectStore(STORE).add({ doc: docName, update: ownBytes(update) } satisfies UpdateRecord)
    await done(tx)
  }

  async compact(docName: string, state: Uint8Array): Promise<void> {
    const tx = (await this.db).transaction(STORE, 'readwrite', { durability: 'strict' })
    const store = tx.objectStore(STORE)
    deleteLog(store, docName, () => store.add({ doc: docName, update: ownBytes(state) } satisfies UpdateRecord))
    await done(tx)
  }

  async discard(docName: string): Promise<void> {
    const tx = (await this.db).transaction(STORE, 'readwrite', { durability: 'strict' })
    deleteLog(tx.objectStore(STORE), docName)
    await done(tx)
  }

  async close(): Promise<void> {
    ;(await this.db).close()
  }
}
