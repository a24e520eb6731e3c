import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import type { AwarenessEntry } from '../../shared/contract/awareness-update'
import { PRESENCE_DELTA_MESSAGE, decodePresenceDeltas, type PresenceDelta } from '../../shared/contract/presence-delta'
import { READ_MARKER_MESSAGE, decodeReadMarkers, type ReadMarker } from '../../shared/contract/read-markers'

/** y-websocket message types (first varUint of every frame), and ours beside them (shared/contract/presence-delta.ts, read-markers.ts). */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3, presenceDelta: PRESENCE_DELTA_MESSAGE, readMarkers: READ_MARKER_MESSAGE } as const
/** y-protocols sync sub-types. */
export const SyncType = { step1: 0, step2: 1, update: 2 } as const

export type { AwarenessEntry } from '../../shared/contract/awareness-update'

/** Whether a frame is a sync step 2, from its first two bytes (both types are one-byte varUints). */
export function isSyncStep2(frame: Uint8Array): boolean {
  return frame[0] === MessageType.sync && frame[1] === SyncType.step2
}

export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>

export type IncomingMessage =
  | { type: 'syncStep1'; stateVector: Uint8Array }
  | { type: 'syncStep2' | 'update'; update: Uint8Array; decoded: DecodedUpdate }
  | { type: 'awareness'; entries: AwarenessEntry[] }
  | { type: 'presenceDelta'; deltas: PresenceDelta[] }
  | { type: 'readMarkers'; markers: ReadMarker[] }
  | { type: 'queryAwareness' }
  | { type: 'auth' }

export class MalformedMessage extends Error {
  override name = 'MalformedMessage'
}

/**
 * Decodes a whole frame before anything acts on it, so garbage never reaches the document,
 * the store or peers. Throws MalformedMessage for anything that does not decode.
 */
export function decodeMessage(frame: Uint8Array): IncomingMessage {
  try {
    const decoder = decoding.createDecoder(frame)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MessageType.sync:
        return decodeSync(decoder)
      case MessageType.awareness:
        return { type: 'awareness', entries: decodeAwarenessUpdate(decoding.readVarUint8Array(decoder)) }
      case MessageType.presenceDelta: {
        const decoded = decodePresenceDeltas(frame)
        if (!decoded.ok) throw new MalformedMessage(decoded.error)
        return { type: 'presenceDelta', deltas: decoded.deltas }
      }
      case MessageType.readMarkers: {
        const decoded = decodeReadMarkers(frame)
        if (!decoded.ok) throw new MalformedMessage(decoded.error)
        return { type: 'readMarkers', markers: decoded.markers }
      }
      case MessageType.queryAwareness:
        return { type: 'queryAwareness' }
      case MessageType.auth:
        return { type: 'auth' }
      default:
        throw new MalformedMessage(`unknown message type ${type}`)
    }
  } catch (error) {
    if (error instanceof MalformedMessage) throw error
    throw new MalformedMessage((error as Error).message)
  }
}

function decodeSync(decoder: decoding.Decoder): IncomingMessage {
  const syncType = decoding.readVarUint(decoder)
  const payload = decoding.readVarUint8Array(decoder)
  switch (syncType) {
    case SyncType.step1:
      Y.decodeStateVector(payload)
      return { type: 'syncStep1', stateVector: payload }
    case SyncType.step2:
    case SyncType.update:
      return { type: syncType === SyncType.step2 ? 'syncStep2' : 'update', update: payload, decoded: Y.decodeUpdate(payload) }
    default:
      throw new MalformedMessage(`unknown sync message type ${syncType}`)
  }
}

export interface AwarenessClock {
  clientId: number
  clock: number
  /** The state is null: the client left. */
  removal: boolean
}

const NULL_STATE = new TextEncoder().encode('null')

/**
 * The client ids and clocks of an awareness frame, read without decoding a state: enough to tell
 * an echo (the stock client relays every awareness message it receives) from a change, and most
 * awareness frames a server reads are echoes. 'too-many' for one naming more than `maxEntries`
 * clients, with nothing past the count read; null for any other frame or one that does not decode.
 */
export function peekAwarenessClocks(frame: Uint8Array, maxEntries: number): AwarenessClock[] | 'too-many' | null {
  try {
    const outer = decoding.createDecoder(frame)
    if (decoding.readVarUint(outer) !== MessageType.awareness) return null
    const updateLength = decoding.readVarUint(outer)
    if (outer.pos + updateLength > frame.byteLength) return null
    const decoder = decoding.createDecoder(frame.subarray(outer.pos, outer.pos + updateLength))
    const count = decoding.readVarUint(decoder)
    if (count > maxEntries) return 'too-many'
    const clocks: AwarenessClock[] = []
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const stateLength = decoding.readVarUint(decoder)
      const start = decoder.pos
      if (start + stateLength > decoder.arr.byteLength) return null
      decoder.pos += stateLength
      clocks.push({ clientId, clock, removal: stateLength === NULL_STATE.byteLength && NULL_STATE.every((byte, k) => decoder.arr[start + k] === byte) })
    }
    return clocks
  } catch {
    return null
  }
}

/**
 * Presence states are shallow. A deeply nested one parses, but re-encoding it for peers (and
 * y-protocols' deep equality) recurse and overflow the stack: refuse it up front.
 */
const MAX_STATE_DEPTH = 32

export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const state: unknown = JSON.parse(decoding.readVarString(decoder))
    if (!nestedAtMost(state, MAX_STATE_DEPTH)) throw new MalformedMessage('awareness state nested too deeply')
    entries.push({ clientId, clock, state })
  }
  return entries
}

/** A value JSON.parse made: its enumerable keys are its own. for…in, as Object.values' array per object was most of this walk's cost. */
function nestedAtMost(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return true
  if (depth === 0) return false
  for (const key in value) {
    const child = (value as Record<string, unknown>)[key]
    if (typeof child === 'object' && child !== null && !nestedAtMost(child, depth - 1)) return false
  }
  return true
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, SyncType.step1)
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc))
  return encoding.toUint8Array(encoder)
}

export function encodeSyncStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, SyncType.step2)
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc, stateVector))
  return encoding.toUint8Array(encoder)
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, SyncType.update)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** Asks a client for its awareness states (y-websocket answers with an awareness message). */
export function encodeQueryAwareness(): Uint8Array {
  return Uint8Array.of(MessageType.queryAwareness)
}

export function encodeAwareness(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.awareness)
  encoding.writeVarUint8Array(encoder, awarenessUpdate)
  return encoding.toUint8Array(encoder)
}
