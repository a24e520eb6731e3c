/** Malformed and hostile y-websocket frames for the fuzz test (test-only; not shipped code). */
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import type { Random } from '../../shared/model/seeded-random'
import { encodeAwareness, encodeSyncStep1, encodeUpdate } from '../sync/protocol'

export interface FuzzFrame {
  kind: string
  data: Uint8Array | string
}

const int = (random: Random, max: number) => Math.floor(random() * max)

function bytes(random: Random, length: number): Uint8Array {
  const out = new Uint8Array(length)
  for (let i = 0; i < length; i++) out[i] = int(random, 256)
  return out
}

function frame(build: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  build(encoder)
  return encoding.toUint8Array(encoder)
}

/** Real updates from documents that are not the server's: each depends on an earlier one it lacks. */
function foreignUpdates(random: Random, count: number): Uint8Array[] {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  // Types the app does not use: a mutation that happens to integrate is a harmless write.
  const list = doc.getArray<string>('fuzz-list')
  const rooms = doc.getMap<unknown>('fuzz-map')
  for (let i = 0; i < count + 1; i++) {
    if (i % 3 === 0) list.insert(int(random, list.length + 1), [`item ${i}`])
    else if (i % 3 === 1 && list.length > 0) list.delete(int(random, list.length), 1)
    else rooms.set(`r${int(random, 5)}`, { name: `Room ${i}` })
  }
  return updates.slice(1)
}

function mutate(random: Random, source: Uint8Array): Uint8Array {
  const copy = source.slice(0, Math.max(1, source.length - (random() < 0.3 ? int(random, source.length) : 0)))
  for (let flips = 1 + int(random, 4); flips > 0; flips--) copy[int(random, copy.length)] = int(random, 256)
  return copy
}

function awarenessWith(clientId: number, clock: number, json: string): Uint8Array {
  return encodeAwareness(
    frame((encoder) => {
      encoding.writeVarUint(encoder, 1)
      encoding.writeVarUint(encoder, clientId)
      encoding.writeVarUint(encoder, clock)
      encoding.writeVarString(encoder, json)
    }),
  )
}

/** A deterministic stream of frames that are garbage, or valid-looking with garbage inside. */
export function fuzzFrames(random: Random, options: { maxMessageBytes: number; honestUsers: readonly string[] }) {
  const foreign = foreignUpdates(random, 60)
  const generators: Array<[string, () => Uint8Array | string]> = [
    ['random bytes', () => bytes(random, int(random, 300))],
    ['empty frame', () => new Uint8Array(0)],
    ['truncated varint', () => new Uint8Array([int(random, 4), ...Array.from({ length: 1 + int(random, 9) }, () => 0x80 | int(random, 128))])],
    ['absurd length', () => frame((e) => (encoding.writeVarUint(e, int(random, 2)), encoding.writeVarUint(e, 2), encoding.writeVarUint(e, 2 ** 31 + int(random, 2 ** 20)), encoding.writeUint8Array(e, bytes(random, 8))))],
    ['absurd awareness count', () => encodeAwareness(frame((e) => (encoding.writeVarUint(e, 2 ** 30), encoding.writeVarUint(e, 7))))],
    ['unknown message type', () => frame((e) => (encoding.writeVarUint(e, 4 + int(random, 1000)), encoding.writeUint8Array(e, bytes(random, 10))))],
    ['unknown sync type', () => frame((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 3 + int(random, 50)), encoding.writeVarUint8Array(e, bytes(random, 10))))],
    ['garbage update', () => encodeUpdate(bytes(random, 1 + int(random, 200)))],
    ['garbage sync step 2', () => frame((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 1), encoding.writeVarUint8Array(e, bytes(random, 1 + int(random, 200)))))],
    ['garbage state vector', () => frame((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 0), encoding.writeVarUint8Array(e, bytes(random, 1 + int(random, 40)))))],
    ['mutated update', () => encodeUpdate(mutate(random, foreign[int(random, foreign.length)]!))],
    ['update for another document', () => encodeUpdate(foreign[int(random, foreign.length)]!)],
    // One GC struct far past anything the document has: it can only wait for its missing past.
    ['update from the far future', () => encodeUpdate(frame((e) => {
      for (const n of [1, 1, int(random, 2 ** 30), 2 ** 40 + int(random, 2 ** 20)]) encoding.writeVarUint(e, n)
      encoding.writeUint8(e, 0)
      encoding.writeVarUint(e, 1 + int(random, 100))
      encoding.writeVarUint(e, 0)
    }))],
    ['invalid awareness JSON', () => awarenessWith(int(random, 2 ** 30), 1 + int(random, 100), ['{', '{"user":', 'nul', '[1,2', '"\\u12'][int(random, 5)]!)],
    ['deep awareness JSON', () => awarenessWith(int(random, 2 ** 30), 1, '['.repeat(5000) + ']'.repeat(5000))],
    ['awareness for someone else', () => awarenessWith(int(random, 2 ** 30), 1 + int(random, 9), JSON.stringify({ user: options.honestUsers[int(random, options.honestUsers.length)], room: 'lobby' }))],
    ['awareness flood', () => awarenessWith(int(random, 2 ** 30), 1 + int(random, 5), JSON.stringify({ junk: 'x'.repeat(int(random, 2000)) }))],
    ['sync step 1', () => encodeSyncStep1(new Y.Doc())],
    ['text frame', () => 'hello ' + 'x'.repeat(int(random, 100))],
    ['over the size cap', () => new Uint8Array(options.maxMessageBytes + 1 + int(random, 1024))],
  ]
  return (): FuzzFrame => {
    // The oversize frame costs the most to build and send: keep it rare.
    const index = random() < 0.002 ? generators.length - 1 : int(random, generators.length - 1)
    const [kind, build] = generators[index]!
    return { kind, data: build() }
  }
}
