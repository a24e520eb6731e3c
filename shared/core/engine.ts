import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import type { Awareness } from 'y-protocols/awareness'
import { describeClose, isTerminalClose } from '../contract/close-codes'
import { coreCommandSchema, type CommandResult } from '../contract/commands'
import { teamDocName } from '../contract/doc-names'
import { readTokenClaims } from '../contract/token-claims'
import type { ConnectionState, OfficeView } from '../contract/view'
import { TeamDoc } from '../model/team-doc'
import { commandResult, planCommand } from './actions'
import { defaultBackoff, jitteredSocketClass, type BackoffPolicy, type SocketConstructor } from './jittered-socket'
import { buildOfficeView } from './office-view'
import { initialPresence, type Device, type PresenceState } from './presence'
import type { StoragePort } from './storage-port'

export interface CoreOptions {
  /** http(s)://host:port of the sync server. */
  serverUrl: string
  token: string
  storage: StoragePort
  /** The host's WebSocket class (browser global, or `ws` in Node). */
  WebSocket: SocketConstructor
  device: Device
  backoff?: Partial<BackoffPolicy>
  /** Log lines compaction to a single state after this many appended updates. */
  compactEvery?: number
}

const STORAGE_ORIGIN = Symbol('storage')

/**
 * The presence core: one team replica, its disk copy and its connection. Opens from storage
 * before touching the network, so the office shows at once and works offline.
 */
export class PresenceCore {
  readonly doc = new Y.Doc()
  readonly team = new TeamDoc(this.doc)
  readonly teamId: string
  readonly userId: string
  readonly provider: WebsocketProvider
  private connection: { state: ConnectionState; detail: string | null } = { state: 'connecting', detail: null }
  private listeners = new Set<(view: OfficeView) => void>()
  private current: OfficeView
  private scheduled = false
  private writes: Promise<void> = Promise.resolve()
  private appendedSinceCompaction = 0
  private destroyed = false

  private constructor(private readonly options: CoreOptions, stored: Uint8Array[]) {
    const claims = readTokenClaims(options.token)
    this.teamId = claims.team
    this.userId = claims.sub
    const docName = teamDocName(this.teamId)
    Y.transact(this.doc, () => stored.forEach((update) => Y.applyUpdate(this.doc, update)), STORAGE_ORIGIN)

    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== STORAGE_ORIGIN) this.persist(docName, update)
      this.schedule()
    })

    const httpBase = options.serverUrl.replace(/\/+$/, '')
    this.provider = new WebsocketProvider(httpBase.replace(/^http/, 'ws') + '/sync', docName, this.doc, {
      params: { token: options.token },
      WebSocketPolyfill: jitteredSocketClass(options.WebSocket, { ...defaultBackoff, ...options.backoff }) as never,
      disableBc: true,
      // Our socket class owns the backoff; keep the provider's own fixed delay short.
      maxBackoffTime: 100,
      connect: false,
      shouldReconnect: (event) => !isTerminalClose(event.code),
    })
    this.awareness.setLocalState(initialPresence(claims.sub, claims.name, options.device))
    this.awareness.on('change', () => this.schedule())
    this.provider.on('status', ({ status }) => {
      if (this.connection.state === 'denied') return
      this.connection =
        status === 'connected'
          ? { state: 'online', detail: null }
          : { state: status === 'connecting' && this.connection.state === 'connecting' ? 'connecting' : 'offline', detail: this.connection.detail }
      this.schedule()
    })
    this.provider.on('connection-close', (event) => {
      if (!event || this.connection.state === 'denied') return
      this.connection = isTerminalClose(event.code)
        ? { state: 'denied', detail: describeClose(event.code) }
        : { state: 'offline', detail: describeClose(event.code) }
      this.schedule()
    })
    this.current = this.computeView()
  }

  /** Opens the stored replica, then starts connecting. */
  static async open(options: CoreOptions): Promise<PresenceCore> {
    const stored = await options.storage.load(teamDocName(readTokenClaims(options.token).team))
    const core = new PresenceCore(options, stored)
    core.provider.connect()
    return core
  }

  get awareness(): Awareness {
    return this.provider.awareness
  }

  get me(): PresenceState {
    return this.awareness.getLocalState() as PresenceState
  }

  view(): OfficeView {
    return this.current
  }

  /** Called with the whole view after every change (coalesced per task). */
  subscribe(listener: (view: OfficeView) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Validates and runs a view's command; a refused command writes nothing. */
  execute(command: unknown): CommandResult {
    const parsed = coreCommandSchema.safeParse(command)
    if (!parsed.success) return { ok: false, error: 'That request was not understood. Update Hallway and try again.' }
    const outcome = planCommand(parsed.data, this.me, this.computeView())
    if (outcome.ok && outcome.next !== this.me) this.awareness.setLocalState(outcome.next)
    return commandResult(outcome)
  }

  /** Resolves once the replica has synced with the server. */
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

  /** Resolves once every local write so far is on disk. */
  flushed(): Promise<void> {
    return this.writes
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return
    this.destroyed = true
    this.listeners.clear()
    this.provider.destroy()
    await this.writes
    this.doc.destroy()
  }

  private persist(docName: string, update: Uint8Array): void {
    const storage = this.options.storage
    const compactEvery = this.options.compactEvery ?? 500
    this.writes = this.writes.then(async () => {
      await storage.append(docName, update)
      if (++this.appendedSinceCompaction >= compactEvery) {
        this.appendedSinceCompaction = 0
        await storage.compact(docName, Y.encodeStateAsUpdate(this.doc))
      }
    })
  }

  private computeView(): OfficeView {
    return buildOfficeView({
      teamId: this.teamId,
      team: this.team,
      me: this.me,
      states: this.awareness.getStates(),
      connection: this.connection,
    })
  }

  private schedule(): void {
    if (this.scheduled || this.destroyed) return
    this.scheduled = true
    queueMicrotask(() => {
      this.scheduled = false
      if (this.destroyed) return
      this.current = this.computeView()
      for (const listener of this.listeners) listener(this.current)
    })
  }
}
