import * as encoding from 'lib0/encoding'
import type { AwarenessEntry } from './protocol'

/** The client ids y-protocols' Awareness reports to its 'update' and 'change' listeners. */
export interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

/**
 * An awareness update, laid out as y-protocols' encodeAwarenessUpdate does, from entries captured
 * when they changed: by the time they go out, a removed client's clock may be forgotten.
 */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, JSON.stringify(state))
  }
  return encoding.toUint8Array(encoder)
}
