import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { isRefusedWrite, isTerminalClose } from '../contract/close-codes'
import { PRESENCE_DELTA_PARAM } from '../contract/presence-delta'
import { defaultBackoff, jitteredSocketClass, type BackoffPolicy, type SocketConstructor } from './jittered-socket'
import { PresenceWire, type AwarenessChanges } from './presence-wire'
import type { StoragePort } from './storage-port'

export interface ReplicaOptions {
  docName: string
  /** http(s)://host:port of the sync server. */
  serverUrl: string
  /** Other nodes of the same cluster (scale-out): after a connection closes, the next attempt goes to the next URL. */
  fallbackServerUrls?: readonly string[]
  token: string
  /** More query parameters for the connection (what it negotiates beside presence deltas). */
  params?: Readonly<Record<string, string>>
  storage: StoragePort
  WebSocket: SocketConstructor
  backoff?: Partial<BackoffPolicy>
  /** Compacts the on-disk log to one state after this many appended updates. */
  compactEvery?: number
  /** Told when a write to storage fails; the change stays in memory and is retried by compaction. */
  onStorageError?: (error: unknown) => void
}

const STORAGE_ORIGIN = Symbol('storage')

/**
 * One synced document: loaded from storage first, every local or remote change appended to
 * storage, and a y-websocket connection that reconnects with full jitter.
 */
export class Replica {
  readonly doc = new Y.Doc()
  readonly provider: WebsocketProvider
  private readonly socketClass: ReturnType<typeof jitteredSocketClass>
  private writes: Promise<void> = Promise.resolve()
  private appendedSinceCompaction = 0
  private ownAwarenessHandler: (changes: AwarenessChanges, origin: unknown) => void = () => {}
  private token: string

  private constructor(private readonly options: ReplicaOptions, stored: Uint8Array[]) {
    this.token = options.token
    Y.transact(this.doc, () => stored.forEach((update) => Y.applyUpdate(this.doc, update)), STORAGE_ORIGIN)
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== STORAGE_ORIGIN) this.persist(update)
    })
    const bases = [options.serverUrl, ...(options.fallbackServerUrls ?? [])].map((url) => url.replace(/\/+$/, '').replace(/^http/, 'ws') + '/sync')
    this.socketClass = jitteredSocketClass(options.WebSocket, { ...defaultBackoff, ...options.backoff })
    this.provider = new WebsocketProvider(bases[0]!, options.docName, this.doc, {
      params: { ...options.params, token: options.token, [PRESENCE_DELTA_PARAM.name]: PRESENCE_DELTA_PARAM.value },
      WebSocketPolyfill: this.socketClass as never,
      disableBc: true,
      // Our socket class owns the backoff; keep the provider's own fixed delay short.
      maxBackoffTime: 100,
      connect: false,
      shouldReconnect: (event) => !isTerminalClose(event.code),
    })
    this.sendOwnAwarenessOnly()
    if (bases.length > 1) {
      // Every node serves every document, so rotating is always safe, and leaves a dead node at once.
      let current = 0
      this.provider.on('connection-close', () => {
        current = (current + 1) % bases.length
        this.provider.serverUrl = bases[current]!
      })
    }
  }

  /** The next connection (a reconnect) signs in with this token. */
  setToken(token: string): void {
    this.token = token
    this.provider.params = { ...this.provider.params, token }
  }

  /** Calls `listener` with the server's close reason each time it refuses a write of this replica. */
  onRefusedWrite(listener: (reason: string) => void): void {
    // 'connection-close' is emitted before the provider resets `synced`, so it still tells this
    // connection's story; the listener runs once the provider has finished closing, since it may
    // destroy the provider.
    this.provider.on('connection-close', (event) => {
      if (event && isRefusedWrite(event.code, this.provider.synced)) queueMicrotask(() => listener(event.reason))
    })
  }

  /**
   * After the server refused a write, every later update of this replica builds on it, so the
   * copy is dropped everywhere: this replica is destroyed, its stored copy discarded, and an empty
   * replica of the same document (with a new Yjs client id) is returned to sync from the server.
   * Call `connect()` on it once listeners are attached.
   */
  async replaceWithServerCopy(): Promise<Replica> {
    await this.close()
    const fresh = new Replica({ ...this.options, token: this.token }, [])
    try {
      await this.options.storage.discard(this.options.docName)
    } catch (error) {
      // The refused write is still on disk: the fresh replica's first save replaces the whole log.
      fresh.appendedSinceCompaction = Infinity
      this.options.onStorageError?.(error)
    }
    return fresh
  }

  /** Loads the stored copy; call `connect()` once listeners are attached. */
  static async load(options: ReplicaOptions): Promise<Replica> {
    return new Replica(options, await options.storage.load(options.docName))
  }

  connect(): void {
    this.provider.connect()
  }

  /** Drops a pending backoff and tries at once (Retry now); a live connection is left alone. */
  reconnectNow(): void {
    if (this.provider.wsconnected) return
    this.socketClass.retryNow()
    this.provider.disconnect()
    this.provider.connect()
  }

  whenSynced(): Promise<void> {
    if (this.provider.synced) return Promise.resolve()
    return new Promise((resolve) => {
      const onSync = (synced: boolean) => {
        if (!synced) return
        this.provider.off('sync', onSync)
        resolve()
      }
      this.provider.on('sync', onSync)
    })
  }

  /** Resolves once every change so far is on disk. */
  flushed(): Promise<void> {
    return this.writes
  }

  /**
   * y-websocket relays every awareness change it hears, others' included. The server already fans
   * others' states out, and counts every frame against this connection's rate limit, so in a busy
   * office the echoes alone would get us cut (4429): send only this client's own state, as a
   * presence delta where it can (PresenceWire).
   */
  private sendOwnAwarenessOnly(): void {
    const awareness = this.provider.awareness
    const relay = this.provider._awarenessUpdateHandler
    const wire = new PresenceWire(this.provider)
    const own = (ids: number[]) => ids.filter((id) => id === this.doc.clientID)
    awareness.off('update', relay)
    this.ownAwarenessHandler = (changes: AwarenessChanges, origin: unknown) => {
      const mine = { added: own(changes.added), updated: own(changes.updated), removed: own(changes.removed) }
      if (mine.added.length + mine.updated.length + mine.removed.length > 0) wire.sendOwn(mine, origin, relay)
    }
    awareness.on('update', this.ownAwarenessHandler)
  }

  async close(): Promise<void> {
    this.provider.awareness.off('update', this.ownAwarenessHandler)
    this.provider.destroy()
    await this.writes
    this.doc.destroy()
  }

  private persist(update: Uint8Array): void {
    const { storage, docName } = this.options
    const compactEvery = this.options.compactEvery ?? 500
    this.writes = this.writes.then(async () => {
      try {
        if (this.appendedSinceCompaction >= compactEvery) {
          // A full state also re-saves anything an earlier failed append lost.
          await storage.compact(docName, Y.encodeStateAsUpdate(this.doc))
          this.appendedSinceCompaction = 0
        } else {
          await storage.append(docName, update)
          this.appendedSinceCompaction++
        }
      } catch (error) {
        this.appendedSinceCompaction = compactEvery
        this.options.onStorageError?.(error)
      }
    })
  }
}
