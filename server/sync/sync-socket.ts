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
   * Sends this socket's events to `events`, and makes repeated ends of the socket under it and of
   * ws's frame reader cost nothing (end-once.ts). The listeners are the same four functions for every
   * socket, each finding its connection through `this`: four closures made per connection cost
   * ~270 B of heap on each (heap snapshots of 500 against 1,000 idle connections).
   */
  deliverTo(events: SocketEvents, socket: Duplex): void {
    this.events = events
    this.endsOnce(socket)
    this.on('error', SyncSocket.onError)
    this.on('pong', SyncSocket.onPong)
    this.on('message', SyncSocket.onMessage)
    this.on('close', SyncSocket.onClose)
  }

  /** Repeated ends of `socket` (the one under this WebSocket) and of ws's frame reader cost nothing (end-once.ts). */
  endsOnce(socket: Duplex): void {
    // ws's frame reader (not in its types; a later ws without it keeps the repeated ends, nothing else).
    const reader = (this as unknown as { _receiver?: Writable })._receiver
    if (reader) endOnce(reader)
    endOnce(socket)
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
    if (code === WS_MESSAGE_TOO_BIG) super.close(CloseCode.tooLarge, 'message too large')
    else super.close(code, data)
  }
}

/** The error ws emits after refusing an oversize message (it has already closed the socket). */
export function isMessageTooLarge(error: Error): boolean {
  const code = (error as { code?: unknown }).code
  return code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' || code === 'WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH'
}
