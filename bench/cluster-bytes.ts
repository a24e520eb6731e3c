// Presence bytes between scale-out nodes (issue 14): what one mic toggle or room walk of a core on
// node 1 costs on Redis (the stream entry, and Redis's own network counters: the publish, and the
// entry read back by both nodes' stream readers) and what a delta reader on node 2 then receives,
// with whole awareness states between nodes (before deltas, HALLWAY_FANOUT_PRESENCE=whole) against
// presence deltas, in the same run.
import { Redis } from 'ioredis'
import { teamDocName } from '../shared/contract/doc-names'
import { PRESENCE_DELTA_PARAM } from '../shared/contract/presence-delta'
import type { PresenceCore } from '../shared/core/engine'
import { docStreamKey } from '../server/fanout/redis-fanout'
import { parseStreamItems } from '../server/fanout/stream-reader'
import { decodeMessage } from '../server/sync/protocol'
import { createCluster, startServices, type TestServices } from '../server/testing/cluster'
import { openCore, rawClient, removeTempDirs, waitFor, type RawClient } from '../server/testing/harness'
import type { Figure } from './presence'
import { bytesRead } from './presence-bytes'

const CHANGES = 20

interface PerChange {
  /** Field names and values of the stream entries the change added. */
  entry: number
  /** Redis's total_net_input_bytes + total_net_output_bytes. */
  redisNet: number
  /** Read by a delta reader on node 2, WebSocket framing included. */
  deltaReader: number
}

async function redisNetBytes(redis: Redis): Promise<number> {
  const stats = await redis.info('stats')
  const counter = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(stats)?.[1] ?? NaN)
  return counter('total_net_input_bytes') + counter('total_net_output_bytes')
}

async function entryBytesAfter(redis: Redis, key: string, afterId: string): Promise<{ bytes: number; last: string }> {
  const items = parseStreamItems(await redis.xrangeBuffer(key, `(${afterId}`, '+'))
  return { bytes: items.reduce((sum, item) => sum + item.fields.reduce((n, field) => n + field.byteLength, 0), 0), last: items.at(-1)?.id ?? afterId }
}

async function measureMode(services: TestServices, redis: Redis, presenceDeltas: boolean): Promise<{ mic: PerChange; walk: PerChange }> {
  // Heartbeats every 15 s: none falls inside a measurement.
  const cluster = await createCluster(services, { presenceDeltas, heartbeatTtlMs: 60_000 })
  const cores: PresenceCore[] = []
  const readers: RawClient[] = []
  try {
    const [node1, node2] = await Promise.all([cluster.startNode(), cluster.startNode()])
    const docName = teamDocName(cluster.teamId)
    const key = docStreamKey(docName)
    const ada = await openCore(node1.url, await cluster.token('ada', 'admin'))
    cores.push(ada)
    await ada.whenSynced()
    for (const name of ['Design review', 'Focus corner']) await ada.execute({ type: 'createRoom', name, kind: 'open' })
    const [roomA, roomB] = Object.values(ada.view().rooms).filter((room) => room.name === 'Design review' || room.name === 'Focus corner').map((room) => room.id)
    await ada.execute({ type: 'enterRoom', roomId: roomA! })
    const reader = rawClient(node2.url, docName, await cluster.token('reader'), {}, { [PRESENCE_DELTA_PARAM.name]: PRESENCE_DELTA_PARAM.value })
    readers.push(reader)
    await reader.opened
    const adaId = ada.awareness.clientID
    // Node 2 learns ada's state from node 1's answer to its query: that must not fall into a measurement.
    const holdsAda = () => reader.frames.some((frame) => {
      const message = decodeMessage(frame)
      return message.type === 'awareness' && message.entries.some((entry) => entry.clientId === adaId)
    })
    await waitFor('the reader on node 2 to hold ada', holdsAda)

    const measure = async (changes: Array<() => Promise<unknown>>): Promise<PerChange> => {
      const totals: PerChange = { entry: 0, redisNet: 0, deltaReader: 0 }
      let streamEnd = (await entryBytesAfter(redis, key, '0-0')).last
      for (const change of changes) {
        const before = { net: await redisNetBytes(redis), read: bytesRead(reader), frames: reader.frames.length }
        const result = await change()
        if ((result as { ok?: boolean }).ok !== true) throw new Error(`bench change failed: ${JSON.stringify(result)}`)
        await waitFor('the reader on node 2 to get the change', () => reader.frames.length > before.frames)
        const netAfter = await redisNetBytes(redis)
        const added = await entryBytesAfter(redis, key, streamEnd)
        streamEnd = added.last
        totals.entry += added.bytes
        totals.redisNet += netAfter - before.net
        totals.deltaReader += bytesRead(reader) - before.read
      }
      // One INFO reply per change is in the output counter; measured alone, it comes off.
      const infoAlone = -(await redisNetBytes(redis)) + (await redisNetBytes(redis))
      return { entry: totals.entry / changes.length, redisNet: totals.redisNet / changes.length - infoAlone, deltaReader: totals.deltaReader / changes.length }
    }
    const mic = await measure(Array.from({ length: CHANGES }, (_, i) => () => ada.execute({ type: 'setMic', on: i % 2 === 1 })))
    const walk = await measure(Array.from({ length: CHANGES }, (_, i) => () => ada.execute({ type: 'enterRoom', roomId: i % 2 === 0 ? roomB! : roomA! })))
    return { mic, walk }
  } finally {
    for (const reader of readers) reader.ws.terminate()
    await Promise.all(cores.map((core) => core.close()))
    await cluster.close()
  }
}

export async function runClusterBytesBench(): Promise<Figure[]> {
  const services = await startServices()
  const redis = new Redis(services.redis.url)
  try {
    const whole = await measureMode(services, redis, false)
    const delta = await measureMode(services, redis, true)
    const round = (value: number) => Math.round(value * 10) / 10
    const before = (value: number) => ({ name: 'whole states between nodes', value: round(value) })
    const rows = (change: 'mic toggle' | 'room walk', field: keyof PerChange, what: string): Figure => ({
      name: `${change}, ${what} (deltas)`,
      value: round(delta[change === 'mic toggle' ? 'mic' : 'walk'][field]),
      unit: 'B',
      baseline: before(whole[change === 'mic toggle' ? 'mic' : 'walk'][field]),
    })
    return [
      rows('mic toggle', 'entry', 'stream entry on Redis'),
      rows('mic toggle', 'redisNet', 'Redis network in+out, 2 nodes'),
      rows('mic toggle', 'deltaReader', 'a delta reader on node 2 receives'),
      rows('room walk', 'entry', 'stream entry on Redis'),
      rows('room walk', 'redisNet', 'Redis network in+out, 2 nodes'),
      rows('room walk', 'deltaReader', 'a delta reader on node 2 receives'),
    ]
  } finally {
    redis.disconnect()
    await services.stop()
    removeTempDirs()
  }
}
