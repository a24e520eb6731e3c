/** Hand-made y-websocket frames and readings of what a raw client received. Not shipped code. */
import * as Y from 'yjs'
import { encodeAwarenessEntries } from '../../shared/contract/awareness-update'
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
  return awarenessFrameOfJson(clientId, clock, JSON.stringify(state))
}

/** An awareness frame with one entry whose state is `json` as written (JSON.stringify may write it otherwise). */
export function awarenessFrameOfJson(clientId: number, clock: number, json: string): Uint8Array {
  const text = new TextEncoder().encode(json)
  const bytes = [1, ...varUint(clientId), ...varUint(clock), ...varUint(text.length), ...text]
  return encodeAwareness(new Uint8Array(bytes))
}

/** An awareness payload (no message type) of exactly `bytes` bytes: one entry, `state` padded with a `pad` field. */
export function awarenessPayloadOfBytes(clientId: number, state: Record<string, unknown>, bytes: number): Uint8Array {
  let padding = 0
  // A varint length that grows with the padding can overshoot once; the next try lands.
  for (let attempt = 0; attempt < 4; attempt++) {
    const payload = encodeAwarenessEntries([{ clientId, clock: 1, state: { ...state, pad: 'x'.repeat(padding) } }])
    if (payload.byteLength === bytes) return payload
    padding = Math.max(0, padding + bytes - payload.byteLength)
  }
  throw new Error(`no awareness payload of exactly ${bytes} bytes for this state`)
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
