import { ByteWriter } from './wire-bytes'

/** One client's awareness entry as the standard awareness message carries it (state null: it left). */
export interface AwarenessEntry {
  clientId: number
  clock: number
  state: unknown
}

/**
 * The payload of a standard y-websocket awareness message, laid out as y-protocols'
 * encodeAwarenessUpdate does, from entries rather than an Awareness instance: the server sends
 * entries captured when they changed, and a core turns presence deltas back into them.
 */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const writer = new ByteWriter(256)
  writer.varUint(entries.length)
  for (const { clientId, clock, state } of entries) {
    writer.varUint(clientId)
    writer.varUint(clock)
    writer.string(JSON.stringify(state))
  }
  return writer.bytes()
}
