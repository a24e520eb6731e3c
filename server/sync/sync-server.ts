import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { CloseCode } from '../../shared/contract/close-codes'
import type { Metrics } from '../http/metrics'
import type { Logger } from '../log'
import type { TeamStore } from '../store/doc-store'
import { SYNC_PATH_PREFIX, admit, type Admission } from './admission'
import { Connection } from './connection'
import type { DocRegistry } from './doc-registry'
import type { DocRoom } from './doc-room'

export interface SyncServerOptions {
  secret: Uint8Array
  teams: TeamStore
  registry: DocRegistry
  metrics: Metrics
  log: Logger
  maxMessageBytes: number
  maxBufferedBytes: number
  pingIntervalMs: number
}

export interface DrainOptions {
  batchSize: number
  batchIntervalMs: number
  /** Sockets that have not finished closing by then are cut. */
  timeoutMs: number
}

/** Accepts `/sync/<docName>?token=` upgrades and runs the y-websocket protocol on them. */
export class SyncServer {
  readonly connections = new Set<Connection>()
  private readonly wss: WebSocketServer
  private readonly keepalive: ReturnType<typeof setInterval>
  private drainingFlag = false

  constructor(private readonly options: SyncServerOptions) {
    // ws cuts frames past maxPayload with 1009 before we see them; leave room above our cap so
    // an oversize message reaches our check and gets the contract's 4413.
    const maxPayload = Math.max(options.maxMessageBytes * 16, options.maxMessageBytes + 1024 * 1024)
    this.wss = new WebSocketServer({ noServer: true, maxPayload, perMessageDeflate: false, clientTracking: false })
    this.wss.on('error', (error) => options.log.error('websocket server error', { error }))
    this.keepalive = setInterval(() => this.sweep(), options.pingIntervalMs)
    this.keepalive.unref()
  }

  get draining(): boolean {
    return this.drainingFlag
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', (error) => this.options.log.debug('upgrade socket error', { error }))
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (!url.pathname.startsWith(SYNC_PATH_PREFIX)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    this.admitAndUpgrade(req, socket, head, url).catch((error) => {
      this.options.log.error('sync upgrade failed', { error })
      this.refuse(req, socket, head, 1011, 'server error')
    })
  }

  /** Readiness off, then close every socket with 1012 in shuffled batches so clients come back spread out. */
  async drain(options: DrainOptions): Promise<void> {
    this.drainingFlag = true
    const all = shuffle([...this.connections])
    for (let i = 0; i < all.length; i += options.batchSize) {
      if (i > 0) await delay(options.batchIntervalMs)
      for (const connection of all.slice(i, i + options.batchSize)) connection.close(CloseCode.draining, 'server draining')
    }
    const deadline = Date.now() + options.timeoutMs
    while (this.connections.size > 0 && Date.now() < deadline) await delay(10)
    for (const connection of this.connections) connection.terminate()
    clearInterval(this.keepalive)
  }

  private async admitAndUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): Promise<void> {
    const { log } = this.options
    if (this.drainingFlag) return this.refuse(req, socket, head, CloseCode.draining, 'server draining')
    const admission = await admit({ pathname: url.pathname, token: url.searchParams.get('token') }, this.options.secret, this.options.teams)
    if (!admission.ok) {
      log.info('sync connection refused', { code: admission.code, reason: admission.reason, path: url.pathname })
      return this.refuse(req, socket, head, admission.code, admission.reason)
    }
    const room = await this.options.registry.acquire(admission.docName)
    if (this.drainingFlag || socket.destroyed) {
      this.options.registry.release(room)
      return this.refuse(req, socket, head, CloseCode.draining, 'server draining')
    }
    let upgraded = false
    // With no verifyClient and no extensions, ws calls back synchronously, or not at all when it
    // has already answered a malformed handshake itself.
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      upgraded = true
      this.accept(ws, room, admission)
    })
    if (!upgraded) this.options.registry.release(room)
  }

  private accept(ws: WebSocket, room: DocRoom, admission: Extract<Admission, { ok: true }>): void {
    const { claims } = admission
    const connection = new Connection(ws, room, claims, {
      maxMessageBytes: this.options.maxMessageBytes,
      maxBufferedBytes: this.options.maxBufferedBytes,
      metrics: this.options.metrics,
      log: this.options.log,
      onClosed: (closed) => {
        this.connections.delete(closed)
        this.options.registry.release(closed.room)
      },
    })
    this.connections.add(connection)
    this.options.metrics.connectionsOpened++
    room.join(connection)
    if (admission.doc.kind === 'team') room.ensureMember(claims.sub, { name: claims.name, role: claims.role })
    this.options.log.debug('sync connection opened', { conn: connection.id, doc: room.name, user: claims.sub })
  }

  private refuse(req: IncomingMessage, socket: Duplex, head: Buffer, code: number, reason: string): void {
    if (socket.destroyed) return
    this.options.metrics.countClose(code)
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', () => {})
      ws.close(code, reason)
    })
  }

  private sweep(): void {
    for (const connection of this.connections) {
      if (!connection.alive) {
        this.options.log.info('connection missed its keepalive; cutting it', { conn: connection.id })
        connection.terminate()
        continue
      }
      connection.alive = false
      connection.ping()
    }
  }
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
