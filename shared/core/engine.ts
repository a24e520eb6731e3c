import type { Awareness } from 'y-protocols/awareness'
import type { CallActivity } from '../contract/call-activity'
import { coreCommandSchema, type CommandResult, type CoreCommand } from '../contract/commands'
import { teamDocName } from '../contract/doc-names'
import { READ_MARKER_PARAM } from '../contract/read-markers'
import { readTokenClaims } from '../contract/token-claims'
import type { OfficeView } from '../contract/view'
import type { TeamDoc } from '../model/team-doc'
import type { Writer } from '../model/write-rules'
import { ConnectionLine } from './connection-line'
import { CurrentTeamReplica } from './current-team-replica'
import { DiscussionHub, isDiscussionCommand } from './discussions'
import { DeviceReadMarks, loadReadMarks, readMarksRecordName } from './device-read-markers'
import { explain, runDocumentCommand } from './document-actions'
import { isDocumentCommand } from './document-command'
import { buildOfficeView, type ViewInputs } from './office-view'
import { keepTokenFresh, type TokenKeeper } from './token-refresh'
import { fetchUnfurl } from './unfurl-client'
import { MyPresence } from './my-presence'
import { isPresenceCommand, planPresence } from './presence-actions'
import { initialPresence, type PresenceState } from './presence'
import { PlaceKeeper, lastPlaceRecordName, loadLastPlace, type LastPlace } from './last-place'
import type { CoreOptions } from './core-options'
import { Replica } from './replica'
import { ViewUpdates } from './view-updates'

export type { CoreOptions } from './core-options'

/**
 * The presence core: one team replica, its disk copy and its connection, plus the discussions a
 * view opened. Opens from storage before touching the network, so the office shows at once and
 * works offline. Views see only plain data (`view()`, `subscribe`) and send commands (`execute`).
 */
export class PresenceCore {
  readonly teamId: string
  readonly userId: string
  private readonly line: ConnectionLine
  private callActivity: CallActivity = { roomId: null, members: [] }
  /** Commands and views wait while a refused replica is replaced. */
  private readonly teamReplica: CurrentTeamReplica
  private listeners = new Set<(view: OfficeView) => void>()
  private current: OfficeView
  private readonly views: ViewUpdates
  private destroyed = false
  private readonly now: () => number
  private readonly discussions: DiscussionHub
  private readonly reads: DeviceReadMarks
  private readonly expiryTimer: ReturnType<typeof setInterval>
  private readonly tokens: TokenKeeper
  private readonly places: PlaceKeeper
  private readonly presence: MyPresence

  private constructor(options: CoreOptions, replica: Replica, lastPlace: LastPlace | null, readMarks: Map<string, number>) {
    const claims = readTokenClaims(options.token)
    this.views = new ViewUpdates(() => this.refresh(), options.viewRefreshMs)
    this.line = new ConnectionLine(() => this.schedule(), options.admissionWaitMs)
    this.teamId = claims.team
    this.userId = claims.sub
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
      onReloaded: (reason) => this.reloaded(reason, 'this room\'s discussion'),
      writer: () => this.writer(),
      fetchPreview: options.fetchPreview ?? ((url) => fetchUnfurl(options.serverUrl, this.tokens.current(), url)),
    })
    this.reads = new DeviceReadMarks(options.storage, readMarksRecordName(claims.team, claims.sub), readMarks, (error) => this.storageFailed(error))
    this.tokens = keepTokenFresh({
      serverUrl: options.serverUrl,
      token: options.token,
      now: this.now,
      onToken: (token) => {
        this.replica.setToken(token)
        this.discussions.setToken(token)
        options.onTokenRefreshed?.(token)
      },
    })
    this.newId = newId

    this.teamReplica = new CurrentTeamReplica(replica, initialPresence(claims.sub, claims.name, options.device), this.reads, {
      changed: () => this.schedule(),
      presenceChanged: (clientIds) => this.views.presenceChanged(clientIds),
      connected: () => this.presence.reannounce(),
      synced: () => this.line.connected(),
      disconnected: () => this.line.disconnected(),
      closed: (code) => this.line.closed(code),
      denied: () => this.line.denied,
      replacing: () => this.line.resyncing(),
      replaced: (reason) => this.reloaded(reason, 'the office'),
      settled: () => this.schedule(),
    })
    // Knocks and pulls expire by time, not by any event.
    this.expiryTimer = setInterval(() => this.schedule(), 5_000)
    this.presence = new MyPresence({
      awareness: () => this.awareness,
      team: () => this.team,
      office: () => this.computeView(),
      now: this.now,
      places: this.places,
      idleAfterMs: options.idleAfterMs,
    })
    this.current = this.computeView()
    this.presence.returnToLastPlace(this.current)
  }

  private readonly newId: () => string

  /** Opens the stored replica, then starts connecting. */
  static async open(options: CoreOptions): Promise<PresenceCore> {
    const claims = readTokenClaims(options.token)
    const docName = teamDocName(claims.team)
    let core: PresenceCore | null = null
    const onStorageError = (error: unknown) => core?.storageFailed(error)
    // Three reads of the device copy, side by side: the office shows only once all are in.
    const [replica, lastPlace, readMarks] = await Promise.all([
      Replica.load({ ...options, docName, onStorageError, params: { [READ_MARKER_PARAM.name]: READ_MARKER_PARAM.value } }),
      loadLastPlace(options.storage, lastPlaceRecordName(claims.team, claims.sub)),
      loadReadMarks(options.storage, readMarksRecordName(claims.team, claims.sub)),
    ])
    core = new PresenceCore(options, replica, lastPlace, readMarks)
    replica.connect()
    return core
  }

  get replica(): Replica {
    return this.teamReplica.replica
  }

  get team(): TeamDoc {
    return this.teamReplica.team
  }

  get awareness(): Awareness {
    return this.teamReplica.awareness
  }

  get me(): PresenceState {
    return this.presence.state
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

  async whenSynced(): Promise<void> {
    await this.teamReplica.ready()
    return this.replica.whenSynced()
  }

  /** Resolves once every local write so far is on disk. */
  async flushed(): Promise<void> {
    await this.teamReplica.ready()
    return this.replica.flushed()
  }

  /** The device sleeps or its screen locked: away, and out of my room and its call (see MyPresence.stepAway). */
  async stepAway(): Promise<void> {
    await this.teamReplica.ready()
    this.presence.stepAway()
  }

  /** Awake and unlocked: present at once, and back in the room stepAway() left, if it still lets me in. */
  async comeBack(): Promise<void> {
    await this.teamReplica.ready()
    this.presence.comeBack()
  }

  /**
   * Quitting: out of my room, then resolves once that leave (and every earlier change) is on disk
   * and the server has it. Offline it waits for the next connection; the host bounds the wait.
   */
  async leaveForQuit(): Promise<void> {
    await this.teamReplica.ready()
    if (this.me.room !== null) await this.run({ type: 'leaveRoom' })
    this.reads.markOpenRoomsRead(this.team, this.discussions.openRooms())
    await Promise.all([this.teamReplica.teamLink.acks.serverHasAll(), this.replica.flushed(), this.places.saved(), this.reads.saved()])
  }

  async close(): Promise<void> {
    if (this.destroyed) return
    this.destroyed = true
    clearInterval(this.expiryTimer)
    this.line.close()
    this.views.close()
    this.tokens.close()
    this.listeners.clear()
    this.teamReplica.detach()
    await this.discussions.close()
    await this.teamReplica.ready()
    await this.reads.saved()
    await this.teamReplica.close()
  }

  private async run(command: CoreCommand): Promise<CommandResult> {
    await this.teamReplica.ready()
    const office = this.computeView()
    try {
      if (isPresenceCommand(command)) {
        const outcome = planPresence(command, this.me, office, this.presence.context())
        if (!outcome.ok) return outcome
        this.presence.set(outcome.next)
      } else if (isDocumentCommand(command)) {
        runDocumentCommand(this.team, command, { me: this.me, office, writer: this.writer(), newId: this.newId })
        this.line.accepted()
      } else if (isDiscussionCommand(command)) {
        // What the discussion showed up to its closing is read, even if no view was built since.
        if (command.type === 'closeDiscussion') this.reads.markOpenRoomsRead(this.team, [command.roomId])
        await this.discussions.run(command)
        this.line.accepted()
      } else if (command.type === 'reconnectNow') {
        this.replica.reconnectNow()
        this.discussions.reconnectNow()
      } else if (command.type === 'setAwayAfter') {
        this.presence.setAwayAfter(command.minutes * 60_000)
      } else if (command.type === 'reportCall') {
        this.callActivity = command.activity
        this.schedule()
      }
      return { ok: true }
    } catch (error) {
      return { ok: false, error: explain(error) }
    }
  }

  private reloaded(reason: string, copy: string): void {
    this.line.refused(reason, copy)
    this.schedule()
  }

  /** Me as the write rules see me: my role from my current token, my room from my presence. */
  private writer(): Writer {
    return { userId: this.userId, role: readTokenClaims(this.tokens.current()).role, inRoom: this.me.room }
  }

  private storageFailed(error: unknown): void {
    this.line.storageFailed(error)
    this.schedule()
  }

  private computeView(): OfficeView {
    return buildOfficeView(this.viewInputs())
  }

  private viewInputs(): ViewInputs {
    return {
      teamId: this.teamId,
      team: this.team,
      me: this.me,
      myClientId: this.awareness.clientID,
      states: this.teamReplica.teamLink.lastSeen.states(),
      connection: this.line.view(),
      lastAnswer: this.presence.lastAnswer,
      discussions: this.discussions.views(),
      readMarks: this.reads,
      callActivity: this.callActivity,
      role: this.writer().role,
      now: this.now(),
    }
  }

  /** Something besides presence changed: the next view is built whole. */
  private schedule(): void {
    this.views.anythingChanged()
  }

  private refresh(): void {
    // The stale replica is going away; the fresh one schedules a view once it is in place.
    if (this.destroyed || this.teamReplica.replacing) return
    this.reads.markOpenRoomsRead(this.team, this.discussions.openRooms())
    const view = this.views.next(this.viewInputs())
    if (this.presence.react(view)) return
    this.current = view
    for (const listener of this.listeners) listener(this.current)
  }
}
