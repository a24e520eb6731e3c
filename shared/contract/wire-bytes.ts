/**
 * The byte layout y-websocket messages use (lib0's: LEB128 varuints, zig-zag-free signed varints
 * with a sign bit, UTF-8 strings behind a varuint length), written without lib0 so that
 * shared/contract stays free of Yjs packages.
 */
export class ByteWriter {
  private buffer: Uint8Array
  private length = 0

  constructor(initialCapacity = 64) {
    this.buffer = new Uint8Array(initialCapacity)
  }

  varUint(value: number): void {
    this.reserve(8)
    let n = value
    while (n > 0x7f) {
      this.buffer[this.length++] = 0x80 | (n % 0x80)
      n = Math.floor(n / 0x80)
    }
    this.buffer[this.length++] = n
  }

  /** lib0's writeVarInt: first byte holds continuation, sign and 6 bits; then 7 bits per byte. */
  varInt(value: number): void {
    this.reserve(9)
    const negative = value < 0
    let n = Math.abs(value)
    this.buffer[this.length++] = (n > 0x3f ? 0x80 : 0) | (negative ? 0x40 : 0) | (n % 0x40)
    n = Math.floor(n / 0x40)
    while (n > 0) {
      this.buffer[this.length++] = (n > 0x7f ? 0x80 : 0) | (n % 0x80)
      n = Math.floor(n / 0x80)
    }
  }

  byte(value: number): void {
    this.reserve(1)
    this.buffer[this.length++] = value
  }

  float64(value: number): void {
    this.reserve(8)
    new DataView(this.buffer.buffer, this.buffer.byteOffset).setFloat64(this.length, value)
    this.length += 8
  }

  string(value: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 unit; the length prefix is written once the size is known.
    const most = value.length * 3
    // Room for the prefix too, so writing it below never moves the buffer.
    this.reserve(most + 16)
    const prefixBytes = varUintBytes(most)
    const { written } = textEncoder.encodeInto(value, this.buffer.subarray(this.length + prefixBytes))
    const prefix = varUintBytes(written)
    if (prefix !== prefixBytes) this.buffer.copyWithin(this.length + prefix, this.length + prefixBytes, this.length + prefixBytes + written)
    this.varUint(written)
    this.length += written
  }

  bytes(): Uint8Array {
    return this.buffer.slice(0, this.length)
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.byteLength) return
    const grown = new Uint8Array(Math.max(this.buffer.byteLength * 2, this.length + extra))
    grown.set(this.buffer.subarray(0, this.length))
    this.buffer = grown
  }
}

/** Reads what ByteWriter writes; throws WireError on anything short, overlong or out of range. */
export class ByteReader {
  private position = 0

  constructor(private readonly buffer: Uint8Array) {}

  get done(): boolean {
    return this.position === this.buffer.byteLength
  }

  varUint(): number {
    let value = 0
    let scale = 1
    for (let i = 0; i < 8; i++) {
      const b = this.byte()
      value += (b & 0x7f) * scale
      if (b < 0x80) {
        if (!Number.isSafeInteger(value)) break
        return value
      }
      scale *= 0x80
    }
    throw new WireError('varuint out of range')
  }

  varInt(): number {
    const first = this.byte()
    let value = first & 0x3f
    let scale = 0x40
    let more = (first & 0x80) !== 0
    for (let i = 0; more; i++) {
      if (i === 8) throw new WireError('varint out of range')
      const b = this.byte()
      value += (b & 0x7f) * scale
      scale *= 0x80
      more = (b & 0x80) !== 0
    }
    if (!Number.isSafeInteger(value)) throw new WireError('varint out of range')
    return (first & 0x40) !== 0 ? -value : value
  }

  byte(): number {
    if (this.position >= this.buffer.byteLength) throw new WireError('message ends early')
    return this.buffer[this.position++]!
  }

  float64(): number {
    if (this.position + 8 > this.buffer.byteLength) throw new WireError('message ends early')
    const value = new DataView(this.buffer.buffer, this.buffer.byteOffset).getFloat64(this.position)
    this.position += 8
    return value
  }

  string(): string {
    const length = this.varUint()
    if (this.position + length > this.buffer.byteLength) throw new WireError('message ends early')
    const bytes = this.buffer.subarray(this.position, this.position + length)
    this.position += length
    try {
      return textDecoder.decode(bytes)
    } catch {
      throw new WireError('a string is not UTF-8')
    }
  }
}

export class WireError extends Error {
  override name = 'WireError'
}

const textEncoder = new TextEncoder()
// fatal: a string that is not UTF-8 is a refusal, never a silent U+FFFD.
const textDecoder = new TextDecoder('utf-8', { fatal: true })

function varUintBytes(value: number): number {
  let bytes = 1
  for (let n = value; n > 0x7f; n = Math.floor(n / 0x80)) bytes++
  return bytes
}
