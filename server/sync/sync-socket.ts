import { WebSocket } from 'ws'
import { CloseCode } from '../../shared/contract/close-codes'

/** RFC 6455 "message too big": what ws closes with when a frame header announces more than maxPayload. */
const WS_MESSAGE_TOO_BIG = 1009

/**
 * The server's sockets. ws refuses a message past maxPayload from its header, before buffering any
 * of it, and closes with 1009; the contract's code for an oversize message is 4413.
 */
export class SyncSocket extends WebSocket {
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
