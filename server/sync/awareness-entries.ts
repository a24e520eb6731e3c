import * as encoding from 'lib0/encoding'
import { encodeAwarenessEntries, type AwarenessEntry } from '../../shared/contract/awareness-update'

/** The client ids y-protocols' Awareness reports to its 'update' and 'change' listeners. */
export interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

export { encodeAwarenessEntries }

/** One entry as an awareness payload lays it out after its count (client id, clock, state JSON). */
export function encodeAwarenessEntry(entry: AwarenessEntry): Uint8Array {
  // A count of 1 is one varint byte.
  return encodeAwarenessEntries([entry]).subarray(1)
}

/**
 * The awareness payload of entries already encoded one by one: the bytes encodeAwarenessEntries
 * writes for the same entries. A batch encodes each state once and gives each publisher a
 * payload without its own entries by leaving parts out, instead of encoding them all again.
 */
export function joinAwarenessEntries(parts: readonly Uint8Array[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, parts.length)
  for (const part of parts) encoding.writeUint8Array(encoder, part)
  return encoding.toUint8Array(encoder)
}
