import type { Awareness } from 'y-protocols/awareness'
import type { CallActivity } from '../contract/call-activity'
import { describeClose, isTerminalClose } from '../contract/close-codes'
import { coreCommandSchema, type CommandResult, type CoreCommand } from '../contract/commands'
import { teamDocName } from '../contract/doc-names'
import { readTokenClaims } from '../contract/token-claims'
import type { ConnectionState, OfficeView } from '../contract/view'
import type { LinkPreview } from '../model/discussion'
import { insidersOf } from '../model/rooms'
import { TeamDoc } from '../model/team-doc'
import { DiscussionHub, isDiscussionCommand } from './discussions'
import { explain, isDocumentCommand, runDocumentCommand } from './document-actions'
import type { BackoffPolicy, SocketConstructor } from './jittered-socket'
import { buildOfficeView } from './office-view'
import { keepTokenFresh, type TokenKeeper } from './token-refresh'
import { fetchUnfurl } from './unfurl-client'
import { isPresenceCommand, planPresence, reactToAnswers, type PresenceContext } from './presence-actions'
import { initialPresence, type Device, type PresenceState } from './presence'
import { presenceContextOf } from './presence-context'
import { PlaceKeeper, lastPlaceRecordName, loadLastPlace, returnTo, type LastPlace } from './last-place'
import { LastSeenPresence } from './last-seen-presence'
import { Replica } from './replica'
import type { StoragePort } from './storage-port'

export interface CoreOptions {
  /** http(s)://host:port of the sync server. */
  serverUrl: string
  /** Other nodes of the same server cluster, tried in turn when a connection closes. */
  fallbackServerUrls?: readonly string[]
  token: string
  storage: StoragePort
  /** The host's WebSocket class (browser global, or `ws` in Node). */
  WebSocket: SocketConstructor
  device: Device
  backoff?: Partial<BackoffPolicy>
  compactEvery?: number
  now?: () => number
  newId?: () => string
  /** Defaults to GET /api/unfurl on the sync server with this core's token. */
  fetchPreview?: (url: string) => Promise<LinkPreview | null>
  idleAfterMs?: number
  /** Told each refreshed member token, so the host can keep it for the next start. */
  onTokenRefreshed?: (token: string) => void
}

/**
 * The presence core: one team replica, its disk copy and its connection, plus the discussions a
 * view opened. Opens from storage before touching the network, so the office shows at once and
 * works offline. Views see only plain data (`view()`, `subscribe`) and send commands (`execute`).
 */
export class PresenceCore {
  readonly team: TeamDoc
  readonly teamId: string
  readonly userId: string
  private connection: { state: ConnectionState; detail: string | null } = { state: 'connecting', detail: null }
  private lastAnswer: OfficeView['me']['lastAnswer'] = null
  private callActivity: CallActivity = { roomId: null, members: [] }
  private storageWarning: string | null = null
  private listeners = new Set<(view: OfficeView) => void>()
  private current: OfficeView
  private scheduled = false
  private destroyed = false
  private readonly now: () => number
  private readonly discussions: DiscussionHub
  private readonly expiryTimer: ReturnType<typeof setInterval>
  private readonly tokens: TokenKeeper
  private readonly lastSeen: LastSeenPresence

  private readonly places: PlaceKeeper

  private constructor(private readonly options: CoreOptions, readonly replica: Replica, lastPlace: LastPlace | null) {
    const claims = readTokenClaims(options.token)
    this.teamId = claims.team
    this.userId = claims.sub
    this.team = new TeamDoc(replica.doc)
    this.places = new PlaceKeeper(options.storage, lastPlaceRecordName(claims.team, claims.sub), lastPlace, (error) => this.storageFailed(error))
    this.now = options.now ?? Date.now
    const newId = options.newId ?? (() => globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 20))
    this.discussions = new DiscussionHub({
      ...options,
      teamId: this.teamId,
      userId: this.userId,
      now: this.now,
      newId,
      onChange: () => this.schedule(),
      fetchPreview: options.fetchPreview ?? ((url) => fetchUnfurl(options.serverUrl, this.tokens.current(), url)),
    })
    this.tokens = keepTokenFresh({
      serverUrl: options.serverUrl,
      token: options.token,
      now: this.now,
      onToken: (token) => {
        replica.setToken(token)
        this.discussions.setToken(token)
        options.onTokenRefreshed?.(token)
      },
    })
    this.newId = newId

    replica.doc.on('update', () => this.schedule())
    this.awareness.setLocalState(initialPresence(claims.sub, claims.name, options.device))
    this.lastSeen = new LastSeenPresence(this.awareness, () => replica.provider.wsconnected)
    this.awareness.on('change', () => this.schedule())
    const provider = replica.provider
    provider.on('status', ({ status }) => {
      if (this.connection.state === 'denied') return
      if (status === 'connected') {
        this.connection = { state: 'online', detail: null }
        this.reannounce()
      }
      else if (this.connection.state !== 'connecting') this.connection = { state: 'offline', detail: this.connection.detail }
      this.schedule()
    })
    provider.on('connection-close', (event) => {
      if (!event || this.connection.state === 'denied') return
      this.connection = { state: isTerminalClose(event.code) ? 'denied' : 'offline', detail: describeClose(event.code) }
      this.schedule()
    })
    // Knocks and pulls expire by time, not by any event.
    this.expiryTimer = setInterval(() => this.schedule(), 5_000)
    this.current = this.computeView()
    const back = this.places.place && returnTo(this.places.place, this.me, this.current, this.team)
    if (back) this.setPresence(back)
    else this.places.remember(null)
  }

  private readonly newId: () => string

  /** Opens the stored replica, then starts connecting. */
  static async open(options: CoreOptions): Promise<PresenceCore> {
    const claims = readTokenClaims(options.token)
    const docName = teamDocName(claims.team)
    let core: PresenceCore | null = null
    const onStorageError = (error: unknown) => core?.storageFailed(error)
    const replica = await Replica.load({ ...options, docName, onStorageError })
    const lastPlace = await loadLastPlace(options.storage, lastPlaceRecordName(claims.team, claims.sub))
    core = new PresenceCore(options, replica, lastPlace)
    replica.connect()
    return core
  }

  get awareness(): Awareness {
    return this.replica.provider.awareness
  }

  get me(): PresenceState {
    return this.awareness.getLocalState() as PresenceState
  }

  view(): OfficeView {
    return this.current
  }

  /** Called with the whole view after every change (coalesced per microtask). */
  subscribe(listener: (view: OfficeView) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Validates and runs a command; a refused command writes nothing. */
  async execute(command: unknown): Promise<CommandResult> {
    const parsed = coreCommandSchema.safeParse(command)
    if (!parsed.success) return { ok: false, error: 'That request was not understood. Update Hallway and try again.' }
    return this.run(parsed.data)
  }

  whenSynced(): Promise<void> {
    return this.replica.whenSynced()
  }

  /** Resolves once every local write so far is on disk. */
  flushed(): Promise<void> {
    return this.replica.flushed()
  }

  async close(): Promise<void> {
    if (this.destroyed) return
    this.destroyed = true
    clearInterval(this.expiryTimer)
    this.lastSeen.close()
    this.tokens.close()
    this.listeners.clear()
    await this.discussions.close()
    await this.replica.close()
  }

  private async run(command: CoreCommand): Promise<CommandResult> {
    const office = this.computeView()
    try {
      if (isPresenceCommand(command)) {
        const outcome = planPresence(command, this.me, office, this.presenceContext())
        if (!outcome.ok) return outcome
        this.setPresence(outcome.next)
      } else if (isDocumentCommand(command)) {
        runDocumentCommand(this.team, command, { me: this.me, office, newId: this.newId })
      } else if (isDiscussionCommand(command)) {
        await this.discussions.run(command)
      } else if (command.type === 'reconnectNow') {
        this.replica.reconnectNow()
        this.discussions.reconnectNow()
      } else if (command.type === 'reportCall') {
        this.callActivity = command.activity
        this.schedule()
      }
      return { ok: true }
    } catch (error) {
      return { ok: false, error: explain(error) }
    }
  }

  /**
   * When the server dropped my previous connection it marked my awareness state removed at my
   * clock + 1, and peers ignore any state not newer than that. Re-announcing twice (+2) makes my
   * state win at once instead of after the 15–30 s awareness renewal.
   */
  private reannounce(): void {
    const state = this.me
    this.awareness.setLocalState({ ...state })
    this.awareness.setLocalState({ ...state })
  }

  private storageFailed(error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error)
    this.storageWarning = `Could not save to this device (${reason}). Your changes are kept while Hallway stays open; free disk space to save them.`
    this.schedule()
  }

  private setPresence(next: PresenceState): void {
    if (next === this.me) return
    this.awareness.setLocalState(next)
    this.places.remember(next)
  }

  private presenceContext(): PresenceContext {
    return presenceContextOf({
      states: this.awareness.getStates(),
      me: this.me,
      myClientId: this.awareness.clientID,
      now: this.now(),
      idleAfterMs: this.options.idleAfterMs,
    })
  }

  /** Acts on what others did to me: answers to my knocks, and my call moving to another device. */
  private react(office: OfficeView): boolean {
    const context = this.presenceContext()
    const answer = reactToAnswers(this.me, office, context)
    if (answer) {
      this.lastAnswer = answer.answer
      this.setPresence(answer.next)
      return true
    }
    if (this.me.room !== null && context.callElsewhere) {
      this.setPresence({ ...this.me, room: null, mic: false, cam: false, screen: false })
      return true
    }
    const room = this.me.room === null ? undefined : office.rooms[this.me.room]
    if (room?.door === 'locked' && !insidersOf(this.team, room.id).includes(this.userId)) {
      // I walked in as someone locked the door: the lock wins.
      this.lastAnswer = { kind: 'locked', by: '', room: room.id, admit: false, at: context.now }
      this.setPresence({ ...this.me, room: null, mic: false, cam: false, screen: false })
      return true
    }
    return false
  }

  private computeView(): OfficeView {
    return buildOfficeView({
      teamId: this.teamId,
      team: this.team,
      me: this.me,
      myClientId: this.awareness.clientID,
      states: this.lastSeen.states(),
      connection: this.storageWarning && !this.connection.detail ? { ...this.connection, detail: this.storageWarning } : this.connection,
      lastAnswer: this.lastAnswer,
      discussions: this.discussions.views(),
      callActivity: this.callActivity,
      now: this.now(),
    })
  }

  private schedule(): void {
    if (this.scheduled || this.destroyed) return
    this.scheduled = true
    queueMicrotask(() => {
      this.scheduled = false
      if (this.destroyed) return
      const view = this.computeView()
      if (this.react(view)) return
      this.current = view
      for (const listener of this.listeners) listener(this.current)
    })
  }
}
