import { ID_PATTERN } from '../model/schema'
import { ByteReader, ByteWriter, WireError } from './wire-bytes'

/**
 * Read markers between a member's devices: a y-websocket message (type 101, beside presence
 * deltas' 100) carrying, for one or more rooms, the sequence of the last discussion message the
 * member read there. A connection to the team document asks for them with `?reads=marker`; the
 * server sends them to such connections of the same member only, never to anyone else, and they
 * never enter the team document. A client sends its own markers the same way; the server takes
 * the member from the connection's token, never from the message. A connection that asked always
 * gets its member's markers at open, in one message of none when there are none: a device that
 * knows none of them yet counts nothing unread until then.
 *
 *   message := varuint 101, varuint count (0..MAX_READ_MARKERS_PER_MESSAGE), marker × count
 *   marker  := string roomId (the model's id shape), varuint seq (a safe integer)
 */
export const READ_MARKER_MESSAGE = 101

/** How a connection announces that it reads and sends read markers: `?reads=marker` on its URL. */
export const READ_MARKER_PARAM = { name: 'reads', value: 'marker' } as const

/** Markers in one message; more go in several (a team may have more rooms). */
export const MAX_READ_MARKERS_PER_MESSAGE = 256

export interface ReadMarker {
  roomId: string
  /** The room summary's sequence of the last message read (0: nothing). */
  seq: number
}

export type DecodedReadMarkers = { ok: true; markers: ReadMarker[] } | { ok: false; error: string }

export function encodeReadMarkers(markers: readonly ReadMarker[]): Uint8Array {
  const writer = new ByteWriter(16 + markers.length * 12)
  writer.varUint(READ_MARKER_MESSAGE)
  writer.varUint(markers.length)
  for (const { roomId, seq } of markers) {
    writer.string(roomId)
    writer.varUint(seq)
  }
  return writer.bytes()
}

/** Markers as messages of at most MAX_READ_MARKERS_PER_MESSAGE each (none for none). */
export function encodeReadMarkerMessages(markers: readonly ReadMarker[]): Uint8Array[] {
  const messages: Uint8Array[] = []
  for (let i = 0; i < markers.length; i += MAX_READ_MARKERS_PER_MESSAGE) messages.push(encodeReadMarkers(markers.slice(i, i + MAX_READ_MARKERS_PER_MESSAGE)))
  return messages
}

/** Total: any bytes give the markers they hold, or a refusal saying why. */
export function decodeReadMarkers(message: Uint8Array): DecodedReadMarkers {
  try {
    const reader = new ByteReader(message)
    if (reader.varUint() !== READ_MARKER_MESSAGE) throw new WireError('not a read marker message')
    const count = reader.varUint()
    if (count > MAX_READ_MARKERS_PER_MESSAGE) throw new WireError(`a read marker message holds at most ${MAX_READ_MARKERS_PER_MESSAGE} markers`)
    const markers: ReadMarker[] = []
    const rooms = new Set<string>()
    for (let i = 0; i < count; i++) {
      const roomId = reader.string()
      if (!ID_PATTERN.test(roomId)) throw new WireError('a read marker names a room id of the wrong shape')
      if (rooms.has(roomId)) throw new WireError(`room ${roomId} named twice in one message`)
      rooms.add(roomId)
      markers.push({ roomId, seq: reader.varUint() })
    }
    if (!reader.done) throw new WireError('bytes after the last marker')
    return { ok: true, markers }
  } catch (error) {
    if (error instanceof WireError) return { ok: false, error: error.message }
    throw error
  }
}
