import { crc32 } from './crc32'

/** Bytes before each record's payload: [u32 LE length][u32 LE crc32 of payload]. */
export const RECORD_HEADER_BYTES = 8

export function encodeRecord(payload: Uint8Array): Uint8Array {
  const record = new Uint8Array(RECORD_HEADER_BYTES + payload.length)
  const view = new DataView(record.buffer)
  view.setUint32(0, payload.length, true)
  view.setUint32(4, crc32(payload), true)
  record.set(payload, RECORD_HEADER_BYTES)
  return record
}

export interface DecodedLog {
  records: Uint8Array[]
  /** Bytes up to the end of the last intact record; anything past it is a torn or corrupt tail. */
  intactLength: number
}

/**
 * Reads records until the first one that is cut short or fails its checksum. Appends are
 * fsynced one at a time, so only the tail can be damaged (a crash mid-write); reading stops
 * there rather than guessing where a later record might start.
 */
export function decodeRecords(bytes: Uint8Array): DecodedLog {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const records: Uint8Array[] = []
  let offset = 0
  while (offset + RECORD_HEADER_BYTES <= bytes.length) {
    const length = view.getUint32(offset, true)
    const checksum = view.getUint32(offset + 4, true)
    const start = offset + RECORD_HEADER_BYTES
    if (length > bytes.length - start) break
    // A copy as a plain Uint8Array: a Buffer's slice() would alias the whole file's memory.
    const payload = new Uint8Array(bytes.subarray(start, start + length))
    if (crc32(payload) !== checksum) break
    records.push(payload)
    offset = start + length
  }
  return { records, intactLength: offset }
}
