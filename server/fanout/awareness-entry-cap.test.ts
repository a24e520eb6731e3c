import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { PresenceCore } from '../../shared/core/engine'
import type { StartOptions } from '../start'
import { capturedLogger } from '../testing/captured-log'
import { entriesAfter, ghostNode, lastId } from '../testing/fanout-stream'
import { readMetric, waitFor } from '../testing/harness'
import { awarenessFrame, awarenessFrameOfJson, awarenessPayloadOfBytes } from '../testing/wire-frames'
import { scaleOutFixture } from '../testing/scale-out-fixture'
import { DEFAULT_TUNING } from '../tuning'

const fixture = scaleOutFixture()
beforeAll(fixture.start)
afterEach(fixture.closeAll)
afterAll(fixture.stop)

/** Every state a core's awareness took for `clientId`, from the first change on. */
function statesTaken(core: PresenceCore, clientId: number): unknown[] {
  const taken: unknown[] = []
  core.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
    if ([...added, ...updated].includes(clientId)) taken.push(core.awareness.getStates().get(clientId))
  })
  return taken
}

const SMALL_CAP: Partial<StartOptions> = { maxMessageBytes: 4096 }

describe('whole-state awareness entries on Redis keep to the sync server\'s message cap', () => {
  it('a reader skips, logs and counts an entry a byte past the cap that a hostile node wrote into the stream; one of exactly the cap and the changes after it still arrive', async () => {
    const s = await fixture.office()
    const { logger, logs } = capturedLogger()
    const [node1, node2] = await Promise.all([s.c.startNode(), s.c.startNode({ logger })])
    const ada = await s.core(node1.url, 'ada')
    const bob = await s.core(node2.url, 'bob')
    const cap = DEFAULT_TUNING.maxMessageBytes
    const [hostile, atCap] = [9101, 9102]
    const hostileTaken = statesTaken(bob, hostile)
    const ghost = ghostNode(fixture.redis, s.key, 1, s.c.secret)
    await ghost.beAlive()

    await ghost.publish(1, 'awareness', awarenessPayloadOfBytes(hostile, { user: 'mallory' }, cap + 1))
    await ghost.publish(2, 'awareness', awarenessPayloadOfBytes(atCap, { user: 'erin' }, cap))
    // Node 1 publishes this after both: once bob has it, node 2 has read past them.
    expect(await ada.execute({ type: 'enterRoom', roomId: 'kitchen' })).toEqual({ ok: true })
    await waitFor('bob to see ada in the kitchen', () => bob.view().rooms.kitchen?.occupants.includes('ada'))
    await waitFor('bob to hold the entry of exactly the cap', () => bob.awareness.getStates().get(atCap)?.user === 'erin')

    expect(hostileTaken).toEqual([])
    expect(await readMetric(node2.url, 'hallway_refusals_total{reason="fanout-entry-too-large"}')).toBe(1)
    const skipped = logs.filter((line) => line.msg === 'malformed fan-out entry skipped').map((line) => line.error?.message)
    expect(skipped).toEqual([`awareness payload of ${cap + 1} bytes, more than ${cap}`])
  })

  it('a presence answer whose states together pass the cap goes out as several entries within it: a node started later gets every state', async () => {
    const s = await fixture.office()
    const node1 = await s.c.startNode(SMALL_CAP)
    const users = ['ann', 'ben', 'cat']
    const ids = users.map((_, i) => 9200 + i)
    // Each state is under half the cap; the three answer a query in one turn.
    for (const [i, user] of users.entries()) (await s.raw(node1.url, user)).ws.send(awarenessFrame(ids[i]!, 1, { user, pad: 'x'.repeat(1800) }))
    await waitFor('node 1 to publish all three', async () => {
      const published = (await entriesAfter(fixture.redis, s.key, '0-0')).flatMap(({ entry }) => (entry.kind === 'awareness' ? entry.entries : []))
      return ids.every((id) => published.some((entry) => entry.clientId === id))
    })
    const before = await lastId(fixture.redis, s.key)

    const node2 = await s.c.startNode(SMALL_CAP)
    const bob = await s.core(node2.url, 'bob')
    await waitFor('bob to hold all three states', () => ids.every((id, i) => bob.awareness.getStates().get(id)?.user === users[i]))

    const answers = (await entriesAfter(fixture.redis, s.key, before)).filter(({ entry }) => entry.kind === 'awareness' && entry.entries.some((e) => ids.includes(e.clientId)))
    expect(answers.length).toBeGreaterThanOrEqual(2)
    for (const { entry } of answers) expect(entry.kind === 'awareness' && entry.data.byteLength).toBeLessThanOrEqual(SMALL_CAP.maxMessageBytes!)
  })

  it('a node refuses to publish a state that its own encoding takes past the cap (1e20 written out), counted; the next state of that client crosses, with no gap for readers', async () => {
    const s = await fixture.office()
    const { logger, logs } = capturedLogger()
    const [node1, node2] = await Promise.all([s.c.startNode(SMALL_CAP), s.c.startNode({ ...SMALL_CAP, logger })])
    const bob = await s.core(node2.url, 'bob')
    const mallory = await s.raw(node1.url, 'mallory')
    const id = 9300
    const taken = statesTaken(bob, id)

    // ~3.5 KB as sent, under the cap; ~15 KB as JSON.stringify writes each number out.
    const numbers = Array.from({ length: 700 }, () => '1e20').join(',')
    const frame = awarenessFrameOfJson(id, 1, `{"user":"mallory","n":[${numbers}]}`)
    expect(frame.byteLength).toBeLessThan(SMALL_CAP.maxMessageBytes!)
    mallory.ws.send(frame)
    await waitFor('node 1 to count the refusal', async () => (await readMetric(node1.url, 'hallway_refusals_total{reason="fanout-publish-too-large"}')) === 1)

    mallory.ws.send(awarenessFrame(id, 2, { user: 'mallory', room: 'lobby' }))
    await waitFor('bob to get mallory\'s next state', () => bob.awareness.getStates().get(id)?.room === 'lobby')
    expect(taken).toEqual([{ user: 'mallory', room: 'lobby' }])
    expect(logs.some((line) => line.msg === 'fan-out gap; reloading the document from the store')).toBe(false)
  })
})
