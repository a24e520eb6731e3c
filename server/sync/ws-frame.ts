/**
 * One message as the WebSocket bytes a server writes (FIN, binary opcode, unmasked, RFC 6455 §5.2).
 * A broadcast frames its payload once and writes the same bytes to every peer's socket: per
 * recipient that is one write call instead of ws framing it again and writing header and payload
 * as a vector, and the per-recipient cost is most of a presence fan-out.
 */
export class WireFrame {
  private framed: Buffer | null = null

  constructor(
    readonly payload: Uint8Array,
    private readonly unpooled = false,
  ) {}

  /**
   * A frame kept for many uses (a document's cached sync answers, its presence snapshot), framed
   * outside Buffer's shared 8 KB pool: a small frame framed in the pool keeps the whole slab alive
   * as long as it is kept, up to 8 KB for each of a loaded document's cached frames.
   */
  static kept(payload: Uint8Array): WireFrame {
    return new WireFrame(payload, true)
  }

  /**
   * A frame whose payload `write` puts straight into the framed bytes at `offset`: one
   * allocation, where encoding a payload and then framing it copies it into a second one.
   */
  static written(payloadLength: number, write: (frame: Buffer, offset: number) => void): WireFrame {
    const frame = Buffer.allocUnsafe(headerLength(payloadLength) + payloadLength)
    const offset = writeHeader(frame, payloadLength)
    write(frame, offset)
    const wire = new WireFrame(frame.subarray(offset))
    wire.framed = frame
    return wire
  }

  /** The whole frame, built on first use and then shared. */
  get bytes(): Buffer {
    return (this.framed ??= frameBinary(this.payload, this.unpooled))
  }
}

const FIN_BINARY = 0x82
const MAX_SHORT_LENGTH = 125
const MAX_16BIT_LENGTH = 0xffff

function headerLength(payloadLength: number): number {
  return payloadLength <= MAX_SHORT_LENGTH ? 2 : payloadLength <= MAX_16BIT_LENGTH ? 4 : 10
}

/** Writes the frame header for a payload of this length; returns where the payload starts. */
function writeHeader(frame: Buffer, length: number): number {
  const headerBytes = headerLength(length)
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
  return headerBytes
}

function frameBinary(payload: Uint8Array, unpooled: boolean): Buffer {
  const length = headerLength(payload.byteLength) + payload.byteLength
  const frame = unpooled ? Buffer.allocUnsafeSlow(length) : Buffer.allocUnsafe(length)
  frame.set(payload, writeHeader(frame, payload.byteLength))
  return frame
}
