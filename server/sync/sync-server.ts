import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import { CloseCode } from '../../shared/contract/close-codes'
import { PRESENCE_DELTA_PARAM } from '../../shared/contract/presence-delta'
import { READ_MARKER_PARAM } from '../../shared/contract/read-markers'
import type { TokenClaims } from '../../shared/contract/token-claims'
import { revocationCovers, type AuthResult } from '../auth/authenticator'
import type { Metrics } from '../observe/metrics'
import type { Logger } from '../observe/log'
import type { Revocation } from '../store/access-store'
import type { TeamStore } from '../store/doc-store'
import { SYNC_PATH_PREFIX, admit, teamHasRoom, type Admission } from './admission'
import { Connection, type ConnectionOptions } from './connection'
import { DrainPlan, shuffle, type DrainOptions } from './drain-plan'
import { ExpirySchedule } from './expiry-schedule'
import { sweepKeepalive } from './keepalive-sweep'
import { KnownTeams } from './known-teams'
import type { DocRegistry } from './doc-registry'
import type { LiveDoc } from './live-doc'
import { UserConnectionCounter, type RateLimits } from './rate-limit'
import type { ReadMarkerDesk } from './read-markers'
import { SyncSocket } from './sync-socket'
import { refuseLeaving, refuseUpgrade } from './upgrade-refusal'
import type { WireFrame } from './ws-frame'

export interface SyncLimits {
  maxMessageBytes: number
  /**
   * The most a sync step 2 may carry (the document cap): a client back from offline sends all the
   * server lacks in that one message, and refusing it would lose those writes for good.
   */
  maxCatchUpBytes: number
  maxBufferedBytes: number
  /** Open sync connections one member may hold across all documents (devices × documents). */
  maxConnectionsPerUser: number
  rate: RateLimits
}

export interface SyncServerOptions {
  verify(token: string | null): Promise<AuthResult>
  teams: TeamStore
  registry: DocRegistry
  readMarkers: ReadMarkerDesk
  metrics: Metrics
  log: Logger
  limits: SyncLimits
  pingIntervalMs: number
}

/** Accepts `/sync/<docName>?token=` upgrades and runs the y-websocket protocol on them. */
export class SyncServer {
  readonly connections = new Set<Connection>()
  private readonly wss: WebSocketServer
  private readonly keepalive: ReturnType<typeof setInterval>
  private readonly perUser: UserConnectionCounter
  /** A session ends with its token: the client has to refresh it rather than stay on forever. */
  private readonly expiries = new ExpirySchedule<Connection>((connection) => connection.refuse(CloseCode.badToken, 'token-expired', 'token expired'))
  private readonly connectionOptions: ConnectionOptions
  private readonly onUpgradeSocketError = (error: Error) => this.options.log.debug('upgrade socket error', { error })
  /** Set when a drain starts: what every 1012 names, and when this process should be gone. */
  private drainPlan: DrainPlan | null = null
  /** Set when a live hand-over starts: what a 1012 to an arrival names (the successor serves it). */
  private handOverPlan: DrainPlan | null = null
  /** Called when the last connection has closed (the drain waits for its members' answers). */
  private onEmpty: (() => void) | null = null
  private readonly knownTeams: KnownTeams
  private readonly maxPayload: number

  constructor(private readonly options: SyncServerOptions) {
    // Connection refuses any other message over maxMessageBytes once it has read the type.
    this.maxPayload = Math.max(options.limits.maxMessageBytes, options.limits.maxCatchUpBytes)
    this.wss = new WebSocketServer({
      noServer: true,
      WebSocket: SyncSocket,
      maxPayload: this.maxPayload,
      perMessageDeflate: false,
      clientTracking: false,
    })
    this.wss.on('error', (error) => options.log.error('websocket server error', { error }))
    this.perUser = new UserConnectionCounter(options.limits.maxConnectionsPerUser)
    this.knownTeams = new KnownTeams(options.teams)
    this.keepalive = setInterval(() => sweepKeepalive(this.connections, options.log), options.pingIntervalMs)
    this.keepalive.unref()
    const { limits, metrics, log } = options
    this.connectionOptions = {
      maxMessageBytes: limits.maxMessageBytes,
      maxBufferedBytes: limits.maxBufferedBytes,
      rateLimits: limits.rate,
      metrics,
      log,
      readMarkers: options.readMarkers,
      onClosed: (closed) => this.onConnectionClosed(closed),
    }
  }

  get draining(): boolean {
    return this.drainPlan !== null
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // One listener for every socket: a closure made here would keep this call's scope (the
    // request, its headers, the URL) alive as long as the socket.
    socket.on('error', this.onUpgradeSocketError)
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (!url.pathname.startsWith(SYNC_PATH_PREFIX)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    this.admitAndUpgrade(req, socket, head, url).catch((error) => {
      this.options.log.error('sync upgrade failed', { error })
      refuseUpgrade(this.wss, this.options.metrics, { req, socket, head }, CloseCode.serverError, 'server error', 'server-error')
    })
  }

  /** Closes open connections whose tokens a new revocation covers. */
  closeRevoked(revocations: readonly Revocation[]): void {
    for (const connection of this.connections) {
      if (revocations.some((revocation) => revocationCovers(revocation, connection.claims))) {
        connection.refuse(CloseCode.badToken, 'token-revoked', 'token revoked')
      }
    }
  }

  /**
   * Readiness off, then close every socket with 1012 in shuffled batches so clients come back
   * spread out. Each 1012 is followed by a FIN, not a reset: the member reads its 1012 and a clean
   * end, and answers with its own end. After the last batch the drain waits up to the grace for
   * those answers, then cuts the members that gave none (a peer not reading must not hold the
   * drain). Resolves with how many it closed, how many it cut, and how long closing took.
   */
  async drain(options: DrainOptions): Promise<{ members: number; cut: number; closingMs: number }> {
    const all = shuffle([...this.connections])
    const plan = new DrainPlan(all.length, options, performance.now())
    this.drainPlan = plan
    let closed = 0
    let closingMs = 0
    for (let i = 0; i < plan.batches; i++) {
      const wait = plan.batchAt(i) - performance.now()
      if (wait > 0) await delay(wait)
      const batch = plan.batch(all, i)
      // In chunks, each 1012 naming the exit as the loop's pace so far predicts it.
      for (let at = 0; at < batch.length; at += CLOSE_CHUNK) {
        const chunkStarted = performance.now()
        const reason = plan.reasonAt(chunkStarted)
        const holdMs = plan.holdAt(chunkStarted)
        for (const connection of batch.slice(at, at + CLOSE_CHUNK)) connection.drain(reason, holdMs)
        closed += Math.min(CLOSE_CHUNK, batch.length - at)
        closingMs += performance.now() - chunkStarted
        plan.timed(closed, closingMs)
      }
    }
    await this.untilEmpty(options.graceMs)
    const cut = this.connections.size
    for (const connection of this.connections) connection.cutFromDrain()
    clearInterval(this.keepalive)
    this.expiries.stop()
    return { members: all.length, cut, closingMs: Math.round(closingMs) }
  }

  /**
   * A live hand-over begins: no one more is admitted (an arrival gets a 1012 naming `expectedMs`,
   * the hand-over's length, by when the successor accepts), and no timer of this process touches a
   * connection again. Returns the connections to hand over.
   */
  stopForHandOver(graceMs: number, expectedMs: number): Connection[] {
    // Still ready (not draining): the node serves throughout, only under another process after.
    this.handOverPlan = new DrainPlan(0, { windowMs: 0, graceMs, restartMs: expectedMs }, performance.now())
    clearInterval(this.keepalive)
    this.expiries.stop()
    return [...this.connections]
  }

  /** What a member not handed over whole is closed with: a 1012 naming the hand-over's length, as above. */
  closeForHandOver(connection: Connection): void {
    const plan = this.handOverPlan!
    connection.drain(plan.reasonAt(performance.now()), plan.holdAt(performance.now()))
  }

  /**
   * The successor's side of a live hand-over: a member's socket, as the process before admitted it
   * (its token checked there; it travelled on this server's own channel), carried on in `room`,
   * whose caller holds a reference for it. `missed`: what the member's copy lacks (LiveDoc.adopt).
   * The socket is read once the caller resumes it; null if the member's user has no connection left here.
   */
  adopt(socket: Socket, head: Buffer, room: LiveDoc, claims: TokenClaims, reads: { presenceDeltas: boolean; readMarkers: boolean }, missed: WireFrame | null): Connection | null {
    if (!this.perUser.tryReserve(claims.team, claims.sub)) return null
    // As ws's server makes its sockets (an address of null: the server's side of a connection).
    const ws = new SyncSocket(null as unknown as string, undefined, { maxPayload: this.maxPayload })
    // What WebSocketServer.completeUpgrade does once the handshake is written.
    ;(ws as unknown as { setSocket(socket: Socket, head: Buffer, options: object): void }).setSocket(socket, head, { allowSynchronousEvents: true, maxPayload: this.maxPayload, skipUTF8Validation: false })
    const connection = new Connection(ws, socket, room, claims, reads.presenceDeltas, reads.readMarkers, this.connectionOptions)
    this.connections.add(connection)
    this.expiries.add(connection, claims.exp)
    room.adopt(connection, missed)
    if (reads.readMarkers) this.options.readMarkers.opened(connection)
    return connection
  }

  /** Resolves when every connection has closed, or after `ms`. */
  private untilEmpty(ms: number): Promise<void> {
    if (this.connections.size === 0) return Promise.resolve()
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.onEmpty = null
        resolve()
      }
      const timer = setTimeout(done, ms)
      this.onEmpty = done
    })
  }

  private async admitAndUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): Promise<void> {
    const { log, registry } = this.options
    const leaving = this.drainPlan ?? this.handOverPlan
    if (leaving) return refuseLeaving(this.wss, this.options.metrics, { req, socket, head }, leaving)
    const admission = await admit(
      { pathname: url.pathname, token: url.searchParams.get('token') },
      { verify: this.options.verify, teamExists: (teamId) => this.knownTeams.has(teamId), roomExists: (teamId, roomId) => teamHasRoom(registry, teamId, roomId) },
    )
    if (!admission.ok) {
      log.info('sync connection refused', { code: admission.code, reason: admission.reason, path: url.pathname })
      return refuseUpgrade(this.wss, this.options.metrics, { req, socket, head }, admission.code, admission.reason, admission.label)
    }
    const { team, sub } = admission.claims
    if (!this.perUser.tryReserve(team, sub)) {
      log.info('sync connection refused', { code: CloseCode.rateLimited, reason: 'too many connections', user: sub })
      return refuseUpgrade(this.wss, this.options.metrics, { req, socket, head }, CloseCode.rateLimited, 'too many connections for this user', 'too-many-connections')
    }
    let accepted = false
    try {
      const room = await registry.acquire(admission.docName)
      const left = this.drainPlan ?? this.handOverPlan
      if (left || socket.destroyed) {
        registry.release(room)
        // A destroyed socket is refused silently (refuse sends nothing on it).
        return left ? refuseLeaving(this.wss, this.options.metrics, { req, socket, head }, left) : undefined
      }
      // The 101 answer, sync step 1 and the presence snapshot leave in one write, not three: in a
      // reconnect wave each loopback or NIC write is a large share of what an admission costs.
      socket.cork()
      try {
        // With no verifyClient and no extensions, ws calls back synchronously, or not at all when it
        // has already answered a malformed handshake itself.
        this.wss.handleUpgrade(req, socket, head, (ws) => {
          accepted = true
          // Its sockets are SyncSockets (the WebSocket option above); ws's types do not carry that.
          this.accept(ws as SyncSocket, socket, room, admission, {
            presenceDeltas: url.searchParams.get(PRESENCE_DELTA_PARAM.name) === PRESENCE_DELTA_PARAM.value,
            // Markers belong to a team: only its document's connections carry them.
            readMarkers: admission.doc.kind === 'team' && url.searchParams.get(READ_MARKER_PARAM.name) === READ_MARKER_PARAM.value,
          })
        })
      } finally {
        socket.uncork()
      }
      if (!accepted) registry.release(room)
    } finally {
      if (!accepted) this.perUser.release(team, sub)
    }
  }

  private accept(ws: SyncSocket, socket: Duplex, room: LiveDoc, admission: Extract<Admission, { ok: true }>, reads: { presenceDeltas: boolean; readMarkers: boolean }): void {
    const { claims } = admission
    const connection = new Connection(ws, socket, room, claims, reads.presenceDeltas, reads.readMarkers, this.connectionOptions)
    this.connections.add(connection)
    this.expiries.add(connection, claims.exp)
    this.options.metrics.connectionsOpened++
    room.join(connection)
    const joined = admission.doc.kind === 'team' && room.ensureMember(claims.sub, { name: claims.name, role: claims.role })
    if (joined) this.options.readMarkers.joined(connection)
    if (reads.readMarkers) this.options.readMarkers.opened(connection)
    this.options.log.debug('sync connection opened', { conn: connection.id, doc: room.name, user: claims.sub })
  }

  private onConnectionClosed(closed: Connection): void {
    this.connections.delete(closed)
    this.expiries.delete(closed, closed.claims.exp)
    this.perUser.release(closed.claims.team, closed.claims.sub)
    this.options.registry.release(closed.room)
    if (this.connections.size === 0) this.onEmpty?.()
  }
}

/** Members closed between two looks at the close loop's pace. */
const CLOSE_CHUNK = 64

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
