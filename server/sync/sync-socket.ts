import type { Duplex, Writable } from 'node:stream'
import { WebSocket, type RawData } from 'ws'
import { CloseCode } from '../../shared/contract/close-codes'
import { endOnce } from './end-once'

/** RFC 6455 "message too big": what ws closes with when a frame header announces more than maxPayload. */
const WS_MESSAGE_TOO_BIG = 1009

/** What a socket's events go to: the connection it carries. */
export interface SocketEvents {
  onSocketMessage(data: RawData, isBinary: boolean): void
  onSocketPong(): void
  onSocketError(error: Error): void
  onSocketClose(code: number): void
}

/**
 * The server's sockets. ws refuses a message past maxPayload from its header, before buffering any
 * of it, and closes with 1009; the contract's code for an oversize message is 4413.
 */
export class SyncSocket extends WebSocket {
  private events: SocketEvents | null = null

  /**
   * Sends this socket's events to `events`. The listeners are the same four functions for every
   * socket, each finding its connection through `this`: four closures made per connection cost
   * ~270 B of heap on each (heap snapshots of 500 against 1,000 idle connections).
   */
  deliverTo(events: SocketEvents): void {
    this.events = events
    this.on('error', SyncSocket.onError)
    this.on('pong', SyncSocket.onPong)
    this.on('message', SyncSocket.onMessage)
    this.on('close', SyncSocket.onClose)
  }

  /** ws calls a listener with the socket it was added to: deliverTo adds these only to SyncSockets. */
  private static eventsOf(socket: WebSocket): SocketEvents {
    return (socket as SyncSocket).events!
  }

  private static onError(this: WebSocket, error: Error): void {
    SyncSocket.eventsOf(this).onSocketError(error)
  }

  private static onPong(this: WebSocket): void {
    SyncSocket.eventsOf(this).onSocketPong()
  }

  private static onMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
    SyncSocket.eventsOf(this).onSocketMessage(data, isBinary)
  }

  private static onClose(this: WebSocket, code: number): void {
    SyncSocket.eventsOf(this).onSocketClose(code)
  }

  override close(code?: number, data?: string | Buffer): void {
    this.endsOnce()
    if (code === WS_MESSAGE_TOO_BIG) super.close(CloseCode.tooLarge, 'message too large')
    else super.close(code, data)
  }

  /**
   * After the drain's 1012 and FIN (see Connection.drain), what the member still sends does not
   * matter: its answering close frame, then its end. ws would parse the answer, end the socket
   * again and report the close through each of its layers; instead it lets go of the socket here,
   * which drops what arrives until the member's end and then closes: `closed` runs once, then.
   * The FIN still waits for the member's own: closing before it would answer any frame of theirs
   * not yet read with a reset, which can drop a 1012 still queued (drain-close.test.ts).
   */
  letGoAfterClose(closed: () => void): void {
    // ws's own fields, as in endsOnce: without them ws keeps the socket and reports its close as always.
    const internals = this as unknown as { _socket?: Duplex | null; _closeTimer?: ReturnType<typeof setTimeout> | null }
    const socket = internals._socket
    if (!socket || socket.destroyed) return
    clearTimeout(internals._closeTimer ?? undefined)
    this.removeAllListeners('close')
    // Everything listening to the socket is ws's or the upgrade's, all done with it by now.
    socket.removeAllListeners()
    // The stream closes itself once both ends are done: at the member's end, or once our own
    // writes are out if that end came first.
    socket.on('error', ignoreError)
    socket.on('close', closed)
    socket.resume()
  }

  /**
   * A live hand-over: stops reading the socket, and gives its handle (what node passes to another
   * process) and the bytes of the next frame already read. Null when the socket cannot go whole:
   * ws is inside a frame (its header read, or a message in fragments), or data waits in the
   * stream; reading stays stopped, and the caller closes it instead (which reads again).
   */
  stopForHandOver(): { handle: object; head: Buffer } | null {
    // ws's and node's own fields: ws's frame reader state, and the stream's native handle.
    const internals = this as unknown as { _socket?: Duplex | null; _receiver?: ReceiverState | null }
    const socket = internals._socket
    const reader = internals._receiver
    const handle = (socket as { _handle?: NativeHandle | null } | null | undefined)?._handle
    if (!socket || socket.destroyed || !reader || !handle || this.readyState !== this.OPEN) return null
    handle.reading = false
    handle.readStop()
    if (reader._state !== FRAME_START || reader._fragmented !== 0 || reader._loop || socket.readableLength > 0) return null
    return { handle, head: Buffer.concat(reader._buffers) }
  }

  /**
   * From here on, repeated ends of the socket under this WebSocket and of ws's frame reader cost
   * nothing (end-once.ts). Every close, ours or the member's (ws answers a close frame by calling
   * close()), comes here before ws ends either; set now rather than at the upgrade, an open
   * connection carries nothing for it.
   */
  private endsOnce(): void {
    // ws's own fields, not in its types: a ws without them keeps the repeated ends, nothing else.
    const { _socket: socket, _receiver: reader } = this as unknown as { _socket?: Writable | null; _receiver?: Writable | null }
    if (socket) endOnce(socket)
    if (reader) endOnce(reader)
  }
}

function ignoreError(): void {}

/** ws's Receiver between frames (its GET_INFO state). */
const FRAME_START = 0

interface ReceiverState {
  _state: number
  _fragmented: number
  _loop: boolean
  _buffers: Buffer[]
}

interface NativeHandle {
  reading: boolean
  readStop(): number
}

/** The error ws emits after refusing an oversize message (it has already closed the socket). */
export function isMessageTooLarge(error: Error): boolean {
  const code = (error as { code?: unknown }).code
  return code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' || code === 'WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH'
}
