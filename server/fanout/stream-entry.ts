import * as Y from 'yjs'
import { decodePresenceDeltas, type PresenceDelta } from '../../shared/contract/presence-delta'
import { MAX_COMEBACK_HOLD_MS } from '../../shared/core/last-seen-presence'
import { encodeAwarenessEntry, joinAwarenessEntries } from '../sync/awareness-entries'
import { decodeReadMarkers, type ReadMarker } from '../../shared/contract/read-markers'
import { ID_PATTERN } from '../../shared/model/schema'
import { decodeAwarenessUpdate, type AwarenessEntry } from '../sync/protocol'

/**
 * One entry of a document's Redis stream. Every node publishes what it accepted and reads what
 * the others did; `link` + `seq` number one node's entries for one loaded copy of the document,
 * so a reader can tell when it missed some (stream trimmed, a publish failed).
 */
export type FanoutEntry =
  /** A document update the sender has already stored. */
  | { kind: 'update'; node: string; link: number; seq: number; data: Uint8Array }
  /** An awareness update for clients connected to the sender (null states are removals). */
  | { kind: 'awareness'; node: string; link: number; seq: number; data: Uint8Array; entries: AwarenessEntry[] }
  /**
   * Presence deltas (shared/contract/presence-delta.ts) for clients connected to the sender, each
   * on the state the sender last published for that client, at the clock it names.
   */
  | { kind: 'presence'; node: string; link: number; seq: number; data: Uint8Array; deltas: PresenceDelta[] }
  /**
   * Removals of clients of the sender that its drain cut (their states, all null): they come back
   * within `holdMs`, so readers keep drawing them for their members until then (LivePresence).
   */
  | { kind: 'drain-leave'; node: string; link: number; seq: number; data: Uint8Array; holdMs: number; entries: AwarenessEntry[] }
  /** The sender just loaded the document: everyone re-sends their clients' awareness. */
  | { kind: 'query'; node: string; link: number; seq: number }
  /** Read markers (shared/contract/read-markers.ts) the sender's store raised for `user`: for that member's connections only. */
  | { kind: 'read'; node: string; link: number; seq: number; user: string; data: Uint8Array; markers: ReadMarker[] }

export type OutgoingEntry =
  | { kind: 'update' | 'awareness' | 'presence'; data: Uint8Array }
  | { kind: 'drain-leave'; data: Uint8Array }
  | { kind: 'read'; user: string; data: Uint8Array }
  | { kind: 'query' }

/** A delta larger than this goes whole (presence-outbox.ts): it saves little, and it keeps every stream entry bounded. */
export const MAX_DELTA_BYTES = 4096
/** Deltas per stream entry: with MAX_DELTA_BYTES, an entry stays under MAX_PRESENCE_ENTRY_BYTES. */
export const MAX_DELTAS_PER_ENTRY = 256
/** What a reader accepts as one presence entry (the cap above, plus the message header). */
export const MAX_PRESENCE_ENTRY_BYTES = MAX_DELTA_BYTES * MAX_DELTAS_PER_ENTRY + 16

/** Room a whole-state payload keeps for its entry count: a varuint below 2^28 entries is at most 4 bytes. */
const COUNT_BYTES = 4

/**
 * Whole states as awareness payloads of at most `maxBytes` each, in order: one node's clients
 * together can pass a cap that each of their states keeps. A state over it alone gets a payload of
 * its own, which publishing refuses.
 */
export function awarenessPayloads(entries: readonly AwarenessEntry[], maxBytes: number): Array<{ entries: AwarenessEntry[]; data: Uint8Array }> {
  const payloads: Array<{ entries: AwarenessEntry[]; data: Uint8Array }> = []
  let group: AwarenessEntry[] = []
  let parts: Uint8Array[] = []
  let size = COUNT_BYTES
  for (const entry of entries) {
    const part = encodeAwarenessEntry(entry)
    if (group.length > 0 && size + part.byteLength > maxBytes) {
      payloads.push({ entries: group, data: joinAwarenessEntries(parts) })
      group = []
      parts = []
      size = COUNT_BYTES
    }
    group.push(entry)
    parts.push(part)
    size += part.byteLength
  }
  if (group.length > 0) payloads.push({ entries: group, data: joinAwarenessEntries(parts) })
  return payloads
}

/** A drain-leave payload: the hold (uint32, big-endian) before the awareness payload of its removals. */
const HOLD_BYTES = 4

/** The data of a drain-leave entry: `holdMs`, then an awareness payload of removals. */
export function drainLeaveData(holdMs: number, awarenessPayload: Uint8Array): Uint8Array {
  const data = Buffer.allocUnsafe(HOLD_BYTES + awarenessPayload.byteLength)
  data.writeUInt32BE(Math.min(MAX_COMEBACK_HOLD_MS, Math.max(0, Math.round(holdMs))))
  data.set(awarenessPayload, HOLD_BYTES)
  return data
}

const NODE_ID = /^[a-z0-9-]{1,64}$/
const COUNTER = /^[1-9][0-9]{0,15}$/
/** A read entry holds one message of at most MAX_READ_MARKERS_PER_MESSAGE markers: 256 × (65 + 8) bytes and a header. */
const MAX_READ_ENTRY_BYTES = 32 * 1024

/** XADD's field/value arguments for an entry, untagged (see EntryAuth). */
export function entryFields(node: string, link: number, seq: number, entry: OutgoingEntry): Buffer[] {
  const fields = ['kind', entry.kind, 'node', node, 'link', String(link), 'seq', String(seq)]
  if (entry.kind === 'read') fields.push('user', entry.user)
  const buffers: Buffer[] = fields.map((field) => Buffer.from(field))
  if (entry.kind !== 'query') buffers.push(Buffer.from('data'), Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength))
  return buffers
}

/** An entry's fields by name. Throws BadEntry. */
export function fieldValues(fields: readonly Buffer[]): Map<string, Buffer> {
  if (fields.length % 2 !== 0) throw new BadEntry('odd number of fields')
  const values = new Map<string, Buffer>()
  for (let i = 0; i < fields.length; i += 2) values.set(fields[i]!.toString('utf8'), fields[i + 1]!)
  return values
}

export class BadEntry extends Error {
  override name = 'BadEntry'
}

/** A payload over its cap: skipped unread, like any bad entry, and counted. */
export class EntryTooLarge extends BadEntry {
  override name = 'EntryTooLarge'
}

/** No tag, or not the one the nodes' shared secret gives: not from a node. Skipped unread, and counted. */
export class UnauthenticatedEntry extends BadEntry {
  override name = 'UnauthenticatedEntry'
}

/**
 * A tagged entry whose seq is not past the last one applied from its sender (`node/link`): a
 * node's own entry appended again by someone with access to Redis (or a publish retried). Skipped
 * and counted, without a resync: the sender's seq goes on where it was.
 */
export class ReplayedEntry extends Error {
  override name = 'ReplayedEntry'
}

/**
 * Redis is a process boundary: every entry is checked field by field (`values`, from fieldValues),
 * its size against its cap (`maxAwarenessBytes` for whole states: the sync server's message cap,
 * which no state it accepts passes), and its payload decoded, before anything acts on it. Its tag
 * is checked before this (EntryAuth). Throws BadEntry.
 */
export function parseEntry(values: ReadonlyMap<string, Buffer>, maxAwarenessBytes: number): FanoutEntry {
  const text = (name: string, pattern: RegExp): string => {
    const value = values.get(name)?.toString('utf8')
    if (value === undefined || !pattern.test(value)) throw new BadEntry(`bad or missing ${name}`)
    return value
  }
  const node = text('node', NODE_ID)
  const link = Number(text('link', COUNTER))
  const seq = Number(text('seq', COUNTER))
  const kind = values.get('kind')?.toString('utf8')
  if (kind === 'query') return { kind, node, link, seq }
  if (kind !== 'update' && kind !== 'awareness' && kind !== 'presence' && kind !== 'read' && kind !== 'drain-leave') throw new BadEntry(`unknown kind ${JSON.stringify(kind)}`)
  const raw = values.get('data')
  if (!raw) throw new BadEntry('missing data')
  const data = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength)
  if (kind === 'read') {
    const user = text('user', ID_PATTERN)
    if (data.byteLength > MAX_READ_ENTRY_BYTES) throw new EntryTooLarge(`read payload of ${data.byteLength} bytes, more than ${MAX_READ_ENTRY_BYTES}`)
    const decoded = decodeReadMarkers(data)
    if (!decoded.ok) throw new BadEntry(`read payload does not decode: ${decoded.error}`)
    // Only raised markers are published; an empty message is what a connection gets at open, never an entry.
    if (decoded.markers.length === 0) throw new BadEntry('read payload names no marker')
    return { kind, node, link, seq, user, data, markers: decoded.markers }
  }
  if (kind === 'presence') {
    if (data.byteLength > MAX_PRESENCE_ENTRY_BYTES) throw new EntryTooLarge(`presence payload of ${data.byteLength} bytes, more than ${MAX_PRESENCE_ENTRY_BYTES}`)
    const decoded = decodePresenceDeltas(data)
    if (!decoded.ok) throw new BadEntry(`presence payload does not decode: ${decoded.error}`)
    return { kind, node, link, seq, data, deltas: decoded.deltas }
  }
  if (kind === 'drain-leave') return parseDrainLeave(node, link, seq, data, maxAwarenessBytes)
  if (kind === 'awareness' && data.byteLength > maxAwarenessBytes) throw new EntryTooLarge(`awareness payload of ${data.byteLength} bytes, more than ${maxAwarenessBytes}`)
  try {
    if (kind === 'update') {
      Y.decodeUpdate(data)
      return { kind, node, link, seq, data }
    }
    return { kind, node, link, seq, data, entries: decodeAwarenessUpdate(data) }
  } catch (error) {
    throw new BadEntry(`${kind} payload does not decode: ${(error as Error).message}`)
  }
}

/** A drain-leave entry's data: a hold no core would wait past, and removals only. */
function parseDrainLeave(node: string, link: number, seq: number, data: Uint8Array, maxAwarenessBytes: number): FanoutEntry {
  if (data.byteLength > HOLD_BYTES + maxAwarenessBytes) throw new EntryTooLarge(`drain-leave payload of ${data.byteLength} bytes, more than ${HOLD_BYTES + maxAwarenessBytes}`)
  if (data.byteLength < HOLD_BYTES) throw new BadEntry('drain-leave payload without its hold')
  const holdMs = Buffer.from(data.buffer, data.byteOffset, HOLD_BYTES).readUInt32BE()
  if (holdMs > MAX_COMEBACK_HOLD_MS) throw new BadEntry(`drain-leave hold of ${holdMs} ms, more than ${MAX_COMEBACK_HOLD_MS}`)
  let entries: AwarenessEntry[]
  try {
    entries = decodeAwarenessUpdate(data.subarray(HOLD_BYTES))
  } catch (error) {
    throw new BadEntry(`drain-leave payload does not decode: ${(error as Error).message}`)
  }
  if (entries.some((entry) => entry.state !== null)) throw new BadEntry('drain-leave payload with a state: it carries removals only')
  return { kind: 'drain-leave', node, link, seq, data, holdMs, entries }
}
