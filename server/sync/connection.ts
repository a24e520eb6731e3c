import type { Duplex } from 'node:stream'
import type { RawData } from 'ws'
import { CloseCode } from '../../shared/contract/close-codes'
import type { TokenClaims } from '../../shared/contract/token-claims'
import type { Metrics } from '../observe/metrics'
import type { LogFields, Logger, LogLevel } from '../observe/log'
import type { AwarenessVerdict } from './awareness-owners'
import { encodeAwarenessEntries } from './awareness-entries'
import type { LiveDoc } from './live-doc'
import type { Peer } from './peer'
import { MalformedMessage, MessageType, decodeMessage, isSyncStep2, type AwarenessEntry, type IncomingMessage } from './protocol'
import type { PresenceDelta } from '../../shared/contract/presence-delta'
import { ConnectionRateLimit, type RateLimits } from './rate-limit'
import type { ReadMarkerDesk } from './read-markers'
import { isMessageTooLarge, type SocketEvents, type SyncSocket } from './sync-socket'
import { closeReason } from './rule-check'
import { writesOut } from './socket-writes'
import { wouldChange } from './write-check'
import type { WireFrame } from './ws-frame'

export interface ConnectionOptions {
  maxMessageBytes: number
  /** Outgoing bytes a connection may have queued before it counts as a slow consumer. */
  maxBufferedBytes: number
  rateLimits: RateLimits
  metrics: Metrics
  log: Logger
  readMarkers: ReadMarkerDesk
  onClosed(connection: Connection): void
}

let nextId = 1

/** One authenticated socket on one document. Every frame is size-checked, decoded, then acted on. */
export class Connection implements Peer, SocketEvents {
  readonly id = nextId++
  readonly joinedAt = performance.now()
  /** Set by a pong or any message; the keepalive sweep reads and clears it. */
  heard = true
  /** The last sweep pinged this connection and it has not been heard from since. */
  awaitingPong = false
  private closed = false
  private readonly rate: ConnectionRateLimit
  /** Set by stopReadingForHandOver: the socket as a successor takes it. */
  private handedSocket: { handle: object; head: Buffer } | null = null

  constructor(
    private readonly ws: SyncSocket,
    /** The upgraded socket under `ws`: frames are written to it whole (see WireFrame). */
    private readonly socket: Duplex,
    readonly room: LiveDoc,
    readonly claims: TokenClaims,
    /** The connection asked for presence deltas (`?presence=delta`). */
    readonly readsPresenceDeltas: boolean,
    /** A team-document connection that asked for read markers (`?reads=marker`). */
    readonly readsReadMarkers: boolean,
    /** Shared by every connection of the server: nothing per connection in it. */
    private readonly options: ConnectionOptions,
  ) {
    this.rate = new ConnectionRateLimit(options.rateLimits, options.maxMessageBytes)
    ws.deliverTo(this)
  }

  get userId(): string {
    return this.claims.sub
  }

  send(frame: WireFrame): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return
    // ws.bufferedAmount is this plus what ws queues itself, which is nothing here (see below); its
    // getter was ~2 % of the server's busy time under the company load.
    const buffered = this.socket.writableLength
    if (buffered > this.options.maxBufferedBytes) {
      this.log('warn', 'slow consumer cut', { buffered })
      this.options.metrics.countClose(CloseCode.slowConsumer)
      this.options.metrics.countRefusal('slow-consumer')
      this.closed = true
      this.ws.terminate()
      return
    }
    this.options.metrics.messagesOut++
    this.options.metrics.bytesOut += frame.payload.byteLength
    // ws queues nothing of its own without compression or Blob data (we use neither), so this
    // write lands in order with its pings and close frames, and counts in the socket's writableLength.
    this.socket.write(frame.bytes)
    if (frame.payload[0] === MessageType.awareness) this.rate.owe(frame.payload.byteLength)
  }

  close(code: number, reason: string): void {
    if (this.closed) return
    this.closed = true
    this.options.metrics.countClose(code)
    this.ws.close(code, reason)
  }

  /** Closes with a contract close code and counts the refusal under a short label. */
  refuse(code: number, label: string, reason: string): void {
    if (this.closed) return
    this.log('info', 'connection refused', { code, reason: label })
    this.options.metrics.countRefusal(label)
    this.close(code, reason)
  }

  /**
   * Closes with `code`, then ends the socket behind the frame (a FIN, not a reset): the peer reads
   * the frame and then a clean end, whatever its network does to the segments in between. The
   * socket closes once the peer answers with its own end; one that never does is for the caller to cut.
   */
  closeAndEnd(code: number, reason: string): void {
    this.close(code, reason)
    this.socket.end()
  }

  /**
   * The drain's 1012 (closeAndEnd): the member is coming back within `holdMs`, so its leave is held
   * (LivePresence.release). It leaves now rather than at its answer, of which nothing is read
   * (SyncSocket.letGoAfterClose); the connection is over for the server when the socket closes.
   */
  drain(reason: string, holdMs: number): void {
    if (this.closed) return
    this.closeAndEnd(CloseCode.draining, reason)
    this.room.leave(this, holdMs)
    this.ws.letGoAfterClose(() => this.options.onClosed(this))
  }

  /** A live hand-over, first step: nothing more is read. False: this one cannot go whole (see SyncSocket.stopForHandOver). */
  stopReadingForHandOver(): boolean {
    this.handedSocket = this.closed ? null : this.ws.stopForHandOver()
    return this.handedSocket !== null
  }

  /** Resolves true once everything written has reached the kernel (the socket's own buffer goes along), false after `ms`. */
  writesOut(ms: number): Promise<boolean> {
    return writesOut(this.socket, ms)
  }

  /**
   * A live hand-over, last step: this process lets go of the member for good (no send, no leave:
   * the member stays, served by the successor) and gives what the successor needs of its socket.
   */
  handOff(): { handle: object; head: Buffer } {
    const handed = this.handedSocket
    if (!handed) throw new Error('handOff before stopReadingForHandOver')
    this.closed = true
    return handed
  }

  /** The successor's side: read the member's socket (frames that waited in the kernel come first). */
  resumeReading(): void {
    this.socket.resume()
  }

  terminate(): void {
    this.closed = true
    this.ws.terminate()
  }

  /**
   * The drain's cut of a socket still open at its end: a member that has not answered its 1012
   * (it left at the 1012), or one closed before the drain whose close has not come. That one leaves
   * now, while its document and that document's fan-out are still there (the socket's close comes after).
   */
  cutFromDrain(): void {
    this.terminate()
    this.room.leave(this)
  }

  ping(): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.ping()
  }

  onSocketMessage(data: RawData, isBinary: boolean): void {
    if (this.closed) return
    const receivedAt = performance.now()
    this.room.presence.pace(receivedAt)
    this.heard = true
    const frame = toBytes(data)
    this.options.metrics.messagesIn++
    this.options.metrics.bytesIn += frame.byteLength
    if (!isBinary) return this.refuse(CloseCode.malformed, 'malformed', 'binary frames only')
    // Only a sync step 2 may be larger (up to the document cap, see SyncLimits.maxCatchUpBytes):
    // the stock client sends everything it wrote offline in that one message.
    const catchUp = isSyncStep2(frame)
    if (!catchUp && frame.byteLength > this.options.maxMessageBytes) return this.refuse(CloseCode.tooLarge, 'message-too-large', 'message too large')
    // Every frame counts, echoes too: telling an echo costs work per entry, so a flood of them
    // must be cut like any other.
    if (!this.rate.allow(frame.byteLength, catchUp)) return this.refuse(CloseCode.rateLimited, 'rate-limited', 'rate limited')
    // Echoes are the stock client relaying what it received: they change nothing here, so they
    // are dropped unparsed.
    const screened = this.room.presence.screen(frame)
    if (screened === 'echo') return
    if (screened === 'too-many-ids') return this.ignoreAwareness(screened)
    try {
      const message = decodeMessage(frame)
      this.handle(message, receivedAt)
    } catch (error) {
      this.log('debug', error instanceof MalformedMessage ? 'malformed message refused' : 'message could not be applied', { error })
      this.refuse(CloseCode.malformed, 'malformed', 'malformed message')
    }
  }

  private handle(message: IncomingMessage, receivedAt: number): void {
    const room = this.room
    switch (message.type) {
      case 'syncStep1':
        room.replyToSyncStep1(this, message.stateVector)
        return
      case 'syncStep2':
      case 'update': {
        if (this.claims.role === 'guest') {
          // Guests send an empty step 2 on every connect; only a real change is a refused write.
          if (wouldChange(room.doc, message.decoded)) this.refuse(CloseCode.forbidden, 'read-only', 'read-only')
          return
        }
        const verdict = room.checkWrite(this, this.claims.role, message.decoded)
        if (!verdict.ok) {
          this.log('info', 'write refused', { path: verdict.path, reason: verdict.reason })
          return this.refuse(CloseCode.forbidden, 'write-refused', closeReason(verdict))
        }
        if (!room.admits(message.update, message.decoded)) return this.refuse(CloseCode.tooLarge, 'document-too-large', 'document too large')
        room.applyUpdate(this, message.update, receivedAt)
        return
      }
      case 'awareness':
        return this.applyAwareness(message.entries, receivedAt)
      case 'presenceDelta':
        return this.applyPresenceDeltas(message.deltas, receivedAt)
      case 'queryAwareness':
        room.presence.sendAwarenessStates(this)
        return
      case 'readMarkers':
        // Only a connection that asked for markers speaks them; any other never sends one.
        if (!this.readsReadMarkers) return this.refuse(CloseCode.malformed, 'malformed', 'read markers not negotiated')
        this.options.readMarkers.received(this, message.markers)
        return
      case 'auth':
        return
    }
  }

  private applyAwareness(entries: readonly AwarenessEntry[], receivedAt: number, deltas?: readonly PresenceDelta[]): void {
    // Not closed for: presence sent for someone else is dropped, the connection carries on.
    const verdict = this.ownsStates(entries) ? this.room.presence.applyAwareness(this, entries, receivedAt, deltas) : 'other-user'
    if (verdict !== 'ok') this.ignoreAwareness(verdict)
  }

  /**
   * Deltas become the whole states they lead to, and go through every check a standard awareness
   * message does (the token's user, ids this connection may control, the message size cap).
   */
  private applyPresenceDeltas(deltas: readonly PresenceDelta[], receivedAt: number): void {
    const entries = this.room.presence.expandDeltas(deltas)
    if (!entries) {
      this.ignoreAwareness('delta-without-base')
      return this.room.presence.askForPresence(this)
    }
    if (encodeAwarenessEntries(entries).byteLength > this.options.maxMessageBytes) return this.refuse(CloseCode.tooLarge, 'message-too-large', 'presence state too large')
    this.applyAwareness(entries, receivedAt, deltas)
  }

  private ignoreAwareness(verdict: Exclude<AwarenessVerdict, 'ok'> | 'delta-without-base'): void {
    this.options.metrics.countRefusal(`awareness-${verdict}`)
    this.log('debug', 'awareness update ignored', { verdict })
  }

  /** Presence states name their user; a connection may only speak for its token's user. */
  private ownsStates(entries: readonly { state: unknown }[]): boolean {
    return entries.every((entry) => {
      const state = entry.state
      if (typeof state !== 'object' || state === null) return true
      const user = (state as { user?: unknown }).user
      return typeof user !== 'string' || user === this.claims.sub
    })
  }

  onSocketPong(): void {
    this.heard = true
  }

  /** ws has already closed an oversize message's socket (with 4413, see SyncSocket); count it. */
  onSocketError(error: Error): void {
    if (isMessageTooLarge(error)) return this.refuse(CloseCode.tooLarge, 'message-too-large', 'message too large')
    this.log('warn', 'socket error', { error })
  }

  onSocketClose(code: number): void {
    this.log('debug', 'sync connection closed', { code })
    this.closed = true
    // A drained member left at its 1012 (drain), as drained: this leave finds it gone.
    this.room.leave(this)
    this.options.onClosed(this)
  }

  /** Logs with this connection's fields; a child logger per connection cost ~500 B of closures each. */
  private log(level: LogLevel, msg: string, fields?: LogFields): void {
    this.options.log[level](msg, { conn: this.id, doc: this.room.name, user: this.claims.sub, ...fields })
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}
