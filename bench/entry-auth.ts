// What authenticating fan-out entries costs (issue 14 follow-up): the publisher's tag and the
// reader's check per entry, beside the decoding a reader does for every entry anyway.
import * as Y from 'yjs'
import { encodeAwarenessEntries } from '../shared/contract/awareness-update'
import { encodePresenceDeltas } from '../shared/contract/presence-delta'
import { initialPresence } from '../shared/core/presence'
import { EntryAuth } from '../server/fanout/entry-auth'
import { HeartbeatTags } from '../server/fanout/heartbeat-tags'
import { docStreamKey } from '../server/fanout/redis-fanout'
import { entryFields, fieldValues, parseEntry, type OutgoingEntry } from '../server/fanout/stream-entry'
import { DEFAULT_TUNING } from '../server/tuning'
import type { Figure } from './presence'

const ROUNDS = 7
const PER_ROUND = 20_000

function statusUpdate(): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('profiles').set('user-1', new Y.Map(Object.entries({ status: 'In a meeting until 3', emoji: '📅', dnd: true })))
  return Y.encodeStateAsUpdate(doc)
}

const ENTRIES: Array<{ what: string; entry: Extract<OutgoingEntry, { kind: 'presence' | 'awareness' | 'update' }> }> = [
  { what: 'presence delta (a mic toggle)', entry: { kind: 'presence', data: encodePresenceDeltas([{ clientId: 123456789, clock: 42, steps: 1, changes: [{ key: 'mic', value: false }] }]) } },
  { what: 'whole presence state', entry: { kind: 'awareness', data: encodeAwarenessEntries([{ clientId: 123456789, clock: 42, state: { ...initialPresence('user-1', 'Member One', 'web'), room: 'kitchen' } }]) } },
  { what: 'document update (a status)', entry: { kind: 'update', data: statusUpdate() } },
]

/** Median microseconds per call of `work` over ROUNDS rounds (the first round warms up and is dropped). */
function microsPer(work: () => void): number {
  const rounds: number[] = []
  for (let round = 0; round <= ROUNDS; round++) {
    const started = performance.now()
    for (let i = 0; i < PER_ROUND; i++) work()
    if (round > 0) rounds.push(((performance.now() - started) * 1000) / PER_ROUND)
  }
  rounds.sort((a, b) => a - b)
  return Math.round(rounds[Math.floor(rounds.length / 2)]! * 100) / 100
}

export function runEntryAuthBench(): Figure[] {
  const auth = new EntryAuth(new Uint8Array(32).fill(7))
  const key = docStreamKey('team-bench')
  const figures: Figure[] = []
  for (const { what, entry } of ENTRIES) {
    const fields = entryFields('node1', 1, 1, entry)
    const tagged = [...fields, Buffer.from('tag'), auth.tag(key, fieldValues(fields))]
    const values = fieldValues(tagged)
    if (!auth.verifies(key, values)) throw new Error('the bench entry does not verify')
    // The reader splits the fields once, for the check and the decoding both.
    const decode = microsPer(() => parseEntry(values, DEFAULT_TUNING.maxMessageBytes))
    figures.push(
      { name: `${what}, ${entry.data.byteLength} B: publisher tags it`, value: microsPer(() => auth.tag(key, fieldValues(fields))), unit: 'µs' },
      { name: `${what}: reader checks its tag`, value: microsPer(() => auth.verifies(key, values)), unit: 'µs', baseline: { name: 'decoding it, as before', value: decode } },
    )
  }
  figures.push({ name: 'tag field per entry on Redis', value: Buffer.byteLength('tag') + 32, unit: 'B' })
  // The replay check (seq past the sender's last) is a comparison on the map lookup the gap check already made: not measured.
  const heartbeats = new HeartbeatTags(new Uint8Array(32).fill(7))
  const now = Date.now()
  const heartbeat = heartbeats.value('node1', now + 7500)
  if (!heartbeats.alive('node1', heartbeat, now)) throw new Error('the bench heartbeat does not verify')
  figures.push(
    { name: 'heartbeat: a node tags its value (every TTL/4)', value: microsPer(() => heartbeats.value('node1', now + 7500)), unit: 'µs' },
    { name: 'heartbeat: a node checks one watched node\'s value (every TTL/4)', value: microsPer(() => heartbeats.alive('node1', heartbeat, now)), unit: 'µs' },
  )
  return figures
}
