import { encodeAwarenessEntries, type AwarenessEntry } from '../../shared/contract/awareness-update'
import { MessageType } from './protocol'
import { WireFrame } from './ws-frame'

/** The client ids y-protocols' Awareness reports to its 'update' and 'change' listeners. */
export interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

export { encodeAwarenessEntries }

/** One entry as an awareness payload lays it out after its count (client id, clock, state JSON). */
export function encodeAwarenessEntry({ clientId, clock, state }: AwarenessEntry): Uint8Array {
  const json = JSON.stringify(state)
  const jsonBytes = Buffer.byteLength(json)
  const part = Buffer.allocUnsafe(varUintBytes(clientId) + varUintBytes(clock) + varUintBytes(jsonBytes) + jsonBytes)
  let at = writeVarUint(part, 0, clientId)
  at = writeVarUint(part, at, clock)
  at = writeVarUint(part, at, jsonBytes)
  part.write(json, at, 'utf8')
  return part
}

/** The awareness payload (count, then entries) of entries already encoded one by one, as fan-out entries carry it. */
export function joinAwarenessEntries(parts: readonly Uint8Array[]): Uint8Array {
  const payload = Buffer.allocUnsafe(parts.reduce((sum, part) => sum + part.byteLength, varUintBytes(parts.length)))
  let at = writeVarUint(payload, 0, parts.length)
  for (const part of parts) {
    payload.set(part, at)
    at += part.byteLength
  }
  return payload
}

/**
 * The standard awareness message (framed for the wire) carrying entries already encoded one by
 * one: the bytes encodeAwarenessEntries and encodeAwareness write for the same entries. A batch
 * encodes each state once and gives each publisher a message without its own entries by leaving
 * parts out, instead of encoding them all again; the message is written in place, in one buffer.
 */
export function awarenessFrameOf(parts: readonly Uint8Array[]): WireFrame {
  const updateBytes = parts.reduce((sum, part) => sum + part.byteLength, varUintBytes(parts.length))
  const payloadBytes = varUintBytes(MessageType.awareness) + varUintBytes(updateBytes) + updateBytes
  return WireFrame.written(payloadBytes, (frame, offset) => {
    let at = writeVarUint(frame, offset, MessageType.awareness)
    at = writeVarUint(frame, at, updateBytes)
    at = writeVarUint(frame, at, parts.length)
    for (const part of parts) {
      frame.set(part, at)
      at += part.byteLength
    }
  })
}

/** lib0's varuint (LEB128) length. */
function varUintBytes(value: number): number {
  let bytes = 1
  for (let n = value; n > 0x7f; n = Math.floor(n / 0x80)) bytes++
  return bytes
}

function writeVarUint(into: Uint8Array, at: number, value: number): number {
  let n = value
  while (n > 0x7f) {
    into[at++] = 0x80 | (n % 0x80)
    n = Math.floor(n / 0x80)
  }
  into[at++] = n
  return at
}
