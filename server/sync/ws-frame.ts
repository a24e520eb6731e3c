/**
 * One message as the WebSocket bytes a server writes (FIN, binary opcode, unmasked, RFC 6455 §5.2).
 * A broadcast frames its payload once and writes the same bytes to every peer's socket: per
 * recipient that is one write call instead of ws framing it again and writing header and payload
 * as a vector, and the per-recipient cost is most of a presence fan-out.
 */
export class WireFrame {
  private framed: Buffer | null = null

  constructor(readonly payload: Uint8Array) {}

  /** The whole frame, built on first use and then shared. */
  get bytes(): Buffer {
    return (this.framed ??= frameBinary(this.payload))
  }
}

const FIN_BINARY = 0x82
const MAX_SHORT_LENGTH = 125
const MAX_16BIT_LENGTH = 0xffff

function frameBinary(payload: Uint8Array): Buffer {
  const length = payload.byteLength
  const headerBytes = length <= MAX_SHORT_LENGTH ? 2 : length <= MAX_16BIT_LENGTH ? 4 : 10
  const frame = Buffer.allocUnsafe(headerBytes + length)
  frame[0] = FIN_BINARY
  if (headerBytes === 2) {
    frame[1] = length
  } else if (headerBytes === 4) {
    frame[1] = 126
    frame.writeUInt16BE(length, 2)
  } else {
    frame[1] = 127
    frame.writeBigUInt64BE(BigInt(length), 2)
  }
  frame.set(payload, headerBytes)
  return frame
}
