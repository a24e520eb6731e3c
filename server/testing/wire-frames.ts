/** Hand-made y-websocket frames and readings of what a raw client received. Not shipped code. */
import * as Y from 'yjs'
import { decodeMessage, encodeAwareness } from '../sync/protocol'
import type { RawClient } from './harness'

/** Sync step 1 with an empty state vector: the server answers with the whole document. */
export const WHOLE_DOCUMENT_PLEASE = new Uint8Array([0, 0, 1, 0])

export function hasWholeDocument(client: RawClient): boolean {
  return client.frames.some((frame) => decodeMessage(frame).type === 'syncStep2')
}

/** Every document update a raw client has received, applied to a fresh doc. */
export function received(client: RawClient): Y.Doc {
  const doc = new Y.Doc()
  for (const frame of client.frames) {
    const message = decodeMessage(frame)
    if (message.type === 'syncStep2' || message.type === 'update') Y.applyUpdate(doc, message.update)
  }
  return doc
}

/** An awareness frame with one entry: `state` as JSON for `clientId` at `clock`. */
export function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(state))
  const bytes = [1, ...varUint(clientId), ...varUint(clock), ...varUint(json.length), ...json]
  return encodeAwareness(new Uint8Array(bytes))
}

/** lib0's unsigned varint, as bytes to spread into a hand-made frame. */
export function varUint(value: number): number[] {
  const bytes: number[] = []
  while (value > 0x7f) {
    bytes.push((value & 0x7f) | 0x80)
    value = Math.floor(value / 128)
  }
  bytes.push(value)
  return bytes
}
