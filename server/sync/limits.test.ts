import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/contract/close-codes'
import { chatDocName, teamDocName } from '../../shared/contract/doc-names'
import type { RunningServer, StartOptions } from '../start'
import { DEFAULT_TUNING } from '../tuning'
import { SqliteStore } from '../store/sqlite-store'
import { createTestTeam, rawClient, readMetric, removeTempDirs, startTestServer, tempDir, tokenFor, waitFor, type RawClient } from '../testing/harness'
import { MAX_TRACES_PER_PUBLISHER } from './awareness-owners'
import { appendMessage } from '../testing/raw-yjs-client'
import { decodeMessage, encodeAwareness, encodeSyncStep2, encodeUpdate } from './protocol'

const clients: RawClient[] = []
const servers: RunningServer[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.ws.terminate()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

async function setup(options: Partial<StartOptions> = {}) {
  const dir = tempDir()
  const teamId = await createTestTeam(dir, 'Acme')
  const server = await startTestServer(dir, options)
  servers.push(server)
  const docName = teamDocName(teamId)
  const raw = async (user: string, doc = docName) => {
    const client = rawClient(server.url, doc, await tokenFor(dir, teamId, user))
    clients.push(client)
    await client.opened
    return client
  }
  const stored = async (name = docName) => {
    const store = SqliteStore.open(dir, { watchIntervalMs: 0 })
    const doc = new Y.Doc()
    for (const update of await store.load(name)) Y.applyUpdate(doc, update)
    await store.close()
    return doc
  }
  return { dir, teamId, server, raw, stored }
}

/** Sync step 1 with an empty state vector: the server answers with the whole document. */
const WHOLE_DOCUMENT_PLEASE = new Uint8Array([0, 0, 1, 0])

function hasWholeDocument(client: RawClient): boolean {
  return client.frames.some((frame) => decodeMessage(frame).type === 'syncStep2')
}

/** Every document update a raw client has received, applied to a fresh doc. */
function received(client: RawClient): Y.Doc {
  const doc = new Y.Doc()
  for (const frame of client.frames) {
    const message = decodeMessage(frame)
    if (message.type === 'syncStep2' || message.type === 'update') Y.applyUpdate(doc, message.update)
  }
  return doc
}

const MARKER = 'marker'
/** The longest message text the rules allow: big writes are many of these in one update. */
const MESSAGE_CHARS = 4000

/** One Y.Doc per writer: each call returns one update of `bytes` of message text by `author`, ids `<key>-<n>`. */
function messageWriter(author: string) {
  const doc = new Y.Doc()
  return (key: string, bytes: number) => {
    const before = Y.encodeStateVector(doc)
    doc.transact(() => {
      for (let i = 0; i * MESSAGE_CHARS < bytes; i++) appendMessage(doc, author, 'x'.repeat(Math.min(MESSAGE_CHARS, bytes - i * MESSAGE_CHARS)), `${key}-${i}`)
    })
    return encodeUpdate(Y.encodeStateAsUpdate(doc, before))
  }
}

function messageIds(doc: Y.Doc): Set<unknown> {
  return new Set(doc.getArray<Y.Map<unknown>>('messages').map((message) => message.get('id')))
}

/** A small write of its own (independent of any other doc's history) that a watcher can wait for. */
function sendMarker(client: RawClient, author: string): void {
  const doc = new Y.Doc()
  appendMessage(doc, author, MARKER, MARKER)
  client.ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)))
}

function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(state))
  const bytes = [1, ...varUint(clientId), ...varUint(clock), ...varUint(json.length), ...json]
  return encodeAwareness(new Uint8Array(bytes))
}

function varUint(value: number): number[] {
  const bytes: number[] = []
  while (value > 0x7f) {
    bytes.push((value & 0x7f) | 0x80)
    value = Math.floor(value / 128)
  }
  bytes.push(value)
  return bytes
}

describe('document size cap', () => {
  it('refuses with 4413 an update that would push the document over the cap, applying nothing', async () => {
    const { raw, stored, server, teamId } = await setup({ maxDocBytes: 64 * 1024 })
    // A discussion holds the largest values the rules allow: messages of up to 4000 characters.
    const chat = chatDocName(teamId, 'kitchen')
    const writer = await raw('ada', chat)
    const watcher = await raw('bob', chat)
    const doc = new Y.Doc()
    const post = (from: number) =>
      doc.transact(() => {
        for (let i = from; i < from + 10; i++) appendMessage(doc, 'ada', `${i}`.padEnd(4000, 'x'), `m${i}`)
      })
    const messages = (replica: Y.Doc) => replica.getArray<Y.Map<unknown>>('messages').map((message) => message.get('id'))
    post(0)
    const firstUpdate = Y.encodeStateAsUpdate(doc)
    writer.ws.send(encodeUpdate(firstUpdate))
    await waitFor('bob to get the first ten messages', () => messages(received(watcher)).length === 10)

    const before = Y.encodeStateVector(doc)
    post(10)
    writer.ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc, before)))
    expect((await writer.closed).code).toBe(CloseCode.tooLarge)
    expect(messages(await stored(chat))).not.toContain('m10')
    expect(messages(received(watcher))).not.toContain('m10')
    expect(await readMetric(server.url, 'hallway_refusals_total{reason="document-too-large"}')).toBe(1)

    // Resending what the document already has is no write: near the cap too, it passes.
    const again = await raw('ada', chat)
    again.ws.send(encodeUpdate(firstUpdate))
    again.ws.send(WHOLE_DOCUMENT_PLEASE)
    await waitFor('the answer to the sync step sent after the resend', () => hasWholeDocument(again))
    expect(again.ws.readyState).toBe(again.ws.OPEN)
  })
})

describe('message size cap, at the default', () => {
  const DEFAULT_CAP = DEFAULT_TUNING.maxMessageBytes

  it.each([
    ['one byte over the cap', DEFAULT_CAP + 1],
    ['past the document cap (ws itself refuses it)', DEFAULT_TUNING.maxDocBytes + 1024],
  ])('closes 4413 on a message %s and applies nothing of it', async (_name, bytes) => {
    const { raw, server, stored } = await setup()
    const writer = await raw('ada')
    const watcher = await raw('bob')
    const doc = new Y.Doc()
    doc.getMap('notes').set('big', 'x'.repeat(bytes))
    const frame = encodeUpdate(Y.encodeStateAsUpdate(doc))
    expect(frame.byteLength).toBeGreaterThan(DEFAULT_CAP)
    writer.ws.send(frame)
    expect(await writer.closed).toEqual({ code: CloseCode.tooLarge, reason: 'message too large' })
    expect(await readMetric(server.url, 'hallway_refusals_total{reason="message-too-large"}')).toBe(1)
    expect(await readMetric(server.url, 'hallway_closes_total{code="4413"}')).toBe(1)
    watcher.ws.send(WHOLE_DOCUMENT_PLEASE)
    await waitFor('bob to get the whole document', () => hasWholeDocument(watcher))
    expect(received(watcher).getMap('notes').has('big')).toBe(false)
    expect((await stored()).getMap('notes').has('big')).toBe(false)
  })

  it('takes a message of exactly the cap', async () => {
    const { raw, teamId } = await setup()
    const writer = await raw('ada', chatDocName(teamId, 'kitchen'))
    const update = messageWriter('ada')('big', DEFAULT_CAP - 2 * MESSAGE_CHARS)
    expect(update.byteLength).toBeLessThanOrEqual(DEFAULT_CAP)
    const padded = new Uint8Array(DEFAULT_CAP)
    padded.set(update)
    writer.ws.send(padded)
    writer.ws.send(WHOLE_DOCUMENT_PLEASE)
    await waitFor('the whole discussion, with the messages', () => hasWholeDocument(writer) && messageIds(received(writer)).has('big-0'))
  })
})

describe('size caps at the defaults (server/tuning.ts)', () => {
  const KiB = 1024

  it('refuses a 1 MB update with 4413: nothing stored, the watcher keeps its connection and never gets it', async () => {
    const { raw, stored, server, teamId } = await setup()
    const chat = chatDocName(teamId, 'kitchen')
    const writer = await raw('ada', chat)
    const watcher = await raw('bob', chat)
    const update = messageWriter('ada')('big', 1024 * KiB)
    expect(update.byteLength).toBeGreaterThan(DEFAULT_TUNING.maxMessageBytes)
    writer.ws.send(update)
    expect((await writer.closed).code).toBe(CloseCode.tooLarge)
    expect(await readMetric(server.url, 'hallway_refusals_total{reason="message-too-large"}')).toBe(1)

    sendMarker(await raw('ada', chat), 'ada')
    await waitFor('bob to get ada\'s later marker', () => messageIds(received(watcher)).has(MARKER))
    expect(messageIds(received(watcher)).has('big-0')).toBe(false)
    expect(messageIds(await stored(chat)).has('big-0')).toBe(false)
    expect(watcher.ws.readyState).toBe(watcher.ws.OPEN)
  })

  it('fills a document to just under 8 MiB, then refuses the update that crosses it with 4413, storing none of it', async () => {
    const { raw, stored, server, teamId } = await setup()
    const chat = chatDocName(teamId, 'kitchen')
    const watcher = await raw('bob', chat)
    // Each writer sends its two-second byte burst (2 MiB) in messages under the 256 KiB cap.
    // Message text plus each message's own fields (~2.5% over) stays under the cap.
    const chunk = 195 * KiB
    const perWriter = 10
    const writers = Math.floor(DEFAULT_TUNING.maxDocBytes / (chunk * perWriter))
    for (let w = 0; w < writers; w++) {
      const writer = await raw(`filler-${w}`, chat)
      const next = messageWriter(`filler-${w}`)
      for (let i = 0; i < perWriter; i++) writer.ws.send(next(`fill-${w}-${i}`, chunk))
      await waitFor(`bob to get filler ${w}'s messages`, () => messageIds(received(watcher)).has(`fill-${w}-${perWriter - 1}-0`))
      writer.ws.close()
    }
    const filled = Y.encodeStateAsUpdate(received(watcher)).byteLength
    expect(filled).toBeLessThan(DEFAULT_TUNING.maxDocBytes)
    expect(filled + 240 * KiB).toBeGreaterThan(DEFAULT_TUNING.maxDocBytes)

    const crossing = await raw('ada', chat)
    crossing.ws.send(messageWriter('ada')('over', 240 * KiB))
    expect((await crossing.closed).code).toBe(CloseCode.tooLarge)
    expect(await readMetric(server.url, 'hallway_refusals_total{reason="document-too-large"}')).toBe(1)

    sendMarker(await raw('ada', chat), 'ada')
    await waitFor('bob to get ada\'s later marker', () => messageIds(received(watcher)).has(MARKER))
    expect(messageIds(received(watcher)).has('over-0')).toBe(false)
    const inStore = messageIds(await stored(chat))
    expect(inStore.has('over-0')).toBe(false)
    expect(inStore.has(`fill-${writers - 1}-${perWriter - 1}-0`)).toBe(true)
    expect(inStore.has(MARKER)).toBe(true)
    expect(watcher.ws.readyState).toBe(watcher.ws.OPEN)
  })
})

describe('a sync step 2 over the message cap (a writer back from offline sends all it wrote in it)', () => {
  /** Caps a few hundred times smaller than the backlog: a 1 KiB message cap, 2 KiB of byte burst. */
  const SMALL_CAPS = { maxMessageBytes: 1024, maxBytesPerSecond: 1024 }

  function offlineBacklog(author: string, count: number): Y.Doc {
    const doc = new Y.Doc()
    for (let i = 0; i < count; i++) appendMessage(doc, author, `offline ${i}`, `${author}-offline-${i}`)
    return doc
  }

  it('is taken whole, past the message cap and the byte bucket, stored and served; the connection carries on', async () => {
    const { raw, stored, teamId } = await setup(SMALL_CAPS)
    const chat = chatDocName(teamId, 'kitchen')
    const writer = await raw('ada', chat)
    const step2 = encodeSyncStep2(offlineBacklog('ada', 2000))
    expect(step2.byteLength).toBeGreaterThan(100 * SMALL_CAPS.maxMessageBytes)
    writer.ws.send(step2)
    const reader = await raw('bob', chat)
    reader.ws.send(WHOLE_DOCUMENT_PLEASE)
    await waitFor('a reader to get every offline message', () => messageIds(received(reader)).size === 2000)
    expect(messageIds(await stored(chat)).size).toBe(2000)
    expect(writer.ws.readyState).toBe(writer.ws.OPEN)
  })

  it('passes outside the byte bucket once per connection: a second one that size is cut with 4429', async () => {
    const { raw, teamId } = await setup(SMALL_CAPS)
    const chat = chatDocName(teamId, 'kitchen')
    const writer = await raw('ada', chat)
    writer.ws.send(encodeSyncStep2(offlineBacklog('ada', 500)))
    writer.ws.send(encodeSyncStep2(offlineBacklog('ada-again', 500)))
    expect((await writer.closed).code).toBe(CloseCode.rateLimited)
  })

  it('any other message that size is still refused with 4413', async () => {
    const { raw, teamId } = await setup(SMALL_CAPS)
    const writer = await raw('ada', chatDocName(teamId, 'kitchen'))
    writer.ws.send(encodeUpdate(Y.encodeStateAsUpdate(offlineBacklog('ada', 500))))
    expect(await writer.closed).toEqual({ code: CloseCode.tooLarge, reason: 'message too large' })
  })
})

describe('rate limits', () => {
  it('close a connection that sends too many messages with 4429', async () => {
    const { raw, server } = await setup({ maxMessagesPerSecond: 10 })
    const client = await raw('ada')
    const polite = await raw('bob')
    for (let i = 0; i < 50; i++) client.ws.send(new Uint8Array([3]))
    polite.ws.send(new Uint8Array([3]))
    expect((await client.closed).code).toBe(CloseCode.rateLimited)
    expect(polite.ws.readyState).toBe(polite.ws.OPEN)
    expect(await readMetric(server.url, 'hallway_refusals_total{reason="rate-limited"}')).toBe(1)
  })

  it('count echoes too: a flood of frames echoing presence the server has is cut with 4429, the sender of it is not', async () => {
    const { raw, server } = await setup({ maxMessagesPerSecond: 10 })
    const ada = await raw('ada')
    const bob = await raw('bob')
    const adaState = awarenessFrame(4242, 1, { user: 'ada', room: 'kitchen' })
    ada.ws.send(adaState)
    await waitFor('bob to receive ada\'s presence', () => bob.frames.some((frame) => decodeMessage(frame).type === 'awareness'))
    // Bob echoes it back 100 times, ten times his rate.
    for (let i = 0; i < 100; i++) bob.ws.send(adaState)
    expect((await bob.closed).code).toBe(CloseCode.rateLimited)
    expect(await readMetric(server.url, 'hallway_refusals_total{reason="rate-limited"}')).toBe(1)
    ada.ws.send(WHOLE_DOCUMENT_PLEASE)
    await waitFor('ada to still be served', () => hasWholeDocument(ada))
    expect(ada.ws.readyState).toBe(ada.ws.OPEN)
  })

  it('do not cut a stock client for echoing presence it was sent: ten times its burst of echoes passes, the next frame is still served', async () => {
    const { raw } = await setup({ maxMessagesPerSecond: 1 })
    const bob = await raw('bob')
    const senders = await Promise.all(Array.from({ length: 10 }, (_, i) => raw(`user-${i}`)))
    let echoed = 0
    for (let round = 1; round <= 2; round++) {
      for (const [i, sender] of senders.entries()) {
        sender.ws.send(awarenessFrame(5000 + i, round, { user: `user-${i}`, room: `room-${round}` }))
        const seen = echoed
        await waitFor('bob to receive the change', () => bob.frames.filter((frame) => decodeMessage(frame).type === 'awareness').length > seen)
        // Bob echoes every awareness frame, as the stock client does: 20 echoes against a burst of 2.
        for (const frame of bob.frames.filter((frame) => decodeMessage(frame).type === 'awareness').slice(seen)) {
          bob.ws.send(frame)
          echoed++
        }
      }
    }
    expect(echoed).toBeGreaterThanOrEqual(20)
    bob.ws.send(WHOLE_DOCUMENT_PLEASE)
    await waitFor('bob to still be served', () => hasWholeDocument(bob))
    expect(bob.ws.readyState).toBe(bob.ws.OPEN)
  })

  it('close a connection that sends too many bytes with 4429', async () => {
    const { raw } = await setup({ maxMessageBytes: 1024, maxBytesPerSecond: 1024 })
    const client = await raw('ada')
    // Burst: two maximum-size messages. A query-awareness frame ignores trailing bytes.
    const frame = new Uint8Array(1000)
    frame[0] = 3
    for (let i = 0; i < 4; i++) client.ws.send(frame)
    expect((await client.closed).code).toBe(CloseCode.rateLimited)
  })
})

describe('awareness frames naming many clients', () => {
  it('one naming more clients than the document knows (30,000 at clock 0) is dropped unread and counted; the connection carries on', async () => {
    const { raw, server } = await setup()
    const mallory = await raw('mallory')
    const bytes: number[] = []
    for (let id = 1; id <= 30_000; id++) bytes.push(...varUint(id), 0, 2, ...new TextEncoder().encode('{}'))
    mallory.ws.send(encodeAwareness(new Uint8Array([...varUint(30_000), ...bytes])))
    await waitFor('the frame to be counted', async () => (await readMetric(server.url, 'hallway_refusals_total{reason="awareness-too-many-ids"}')) === 1)
    mallory.ws.send(WHOLE_DOCUMENT_PLEASE)
    await waitFor('mallory to still be served', () => hasWholeDocument(mallory))
  })
})

describe('connections per user', () => {
  it('refuses past the cap with 4429 and a reason, per user, and frees the slot on close', async () => {
    const { raw, server } = await setup({ maxConnectionsPerUser: 2 })
    const first = await raw('ada')
    await raw('ada')
    const third = await raw('ada')
    expect(await third.closed).toEqual({ code: CloseCode.rateLimited, reason: 'too many connections for this user' })
    await raw('bob')

    first.ws.close()
    await first.closed
    await waitFor('the slot to free up', async () => (await readMetric(server.url, 'hallway_connections')) === 2)
    const again = await raw('ada')
    await waitFor('frames on the new connection', () => again.frames.length > 0)
    expect(again.ws.readyState).toBe(again.ws.OPEN)
  })
})

describe('garbage never reaches peers or the store', () => {
  it('an update that depends on changes the document lacks is refused (1003), not held back for others', async () => {
    const { raw, stored } = await setup()
    const source = new Y.Doc()
    source.getMap('rooms').set('first', 1)
    const before = Y.encodeStateVector(source)
    source.getMap('rooms').set('second', 2)
    const dependent = Y.encodeStateAsUpdate(source, before)

    const sender = await raw('mallory')
    const watcher = await raw('bob')
    watcher.ws.send(WHOLE_DOCUMENT_PLEASE)
    await waitFor('bob to get the whole document', () => hasWholeDocument(watcher))
    sender.ws.send(encodeUpdate(dependent))
    expect((await sender.closed).code).toBe(1003)

    const late = await raw('cy')
    late.ws.send(WHOLE_DOCUMENT_PLEASE)
    await waitFor('cy to get the whole document', () => hasWholeDocument(late))
    const clientId = source.clientID
    for (const doc of [received(late), received(watcher), await stored()]) {
      expect(doc.getMap('rooms').has('second')).toBe(false)
      expect(Y.getState(doc.store, clientId)).toBe(0)
      expect(doc.store.pendingStructs).toBeNull()
    }
  })

  it('awareness: no one overwrites another user\'s client id, one socket holds a few ids, deep states are refused', async () => {
    const { raw, server } = await setup()
    const ada = await raw('ada')
    const eve = await raw('eve')
    const bob = await raw('bob')
    ada.ws.send(awarenessFrame(4242, 1, { user: 'ada', room: 'lobby' }))
    const statesOf = (client: RawClient) => {
      const seen = new Map<number, unknown>()
      for (const frame of client.frames) {
        const message = decodeMessage(frame)
        if (message.type === 'awareness') for (const entry of message.entries) seen.set(entry.clientId, entry.state)
      }
      return seen
    }
    await waitFor('bob to see ada', () => statesOf(bob).has(4242))

    eve.ws.send(awarenessFrame(4242, 9, null))
    eve.ws.send(awarenessFrame(4242, 10, { cursor: 1 }))
    for (let id = 1; id <= 6; id++) eve.ws.send(awarenessFrame(7000 + id, 1, { n: id }))
    eve.ws.send(awarenessFrame(7777, 1, { cursor: 7 }))
    // Frames are handled in order: once eve's last one has been counted, the others were too.
    await waitFor('eve\'s frames to be handled', async () => (await readMetric(server.url, 'hallway_refusals_total{reason="awareness-too-many-ids"}')) >= 3)
    expect(statesOf(bob).get(4242)).toEqual({ user: 'ada', room: 'lobby' })
    expect(await readMetric(server.url, 'hallway_refusals_total{reason="awareness-other-user"}')).toBe(2)
    expect([...statesOf(bob).keys()].filter((id) => id > 7000 && id < 8000)).toHaveLength(4)

    let deep: unknown = 1
    for (let i = 0; i < 100; i++) deep = [deep]
    ada.ws.send(awarenessFrame(4242, 2, { user: 'ada', deep }))
    expect((await ada.closed).code).toBe(1003)
    await waitFor('ada\'s state to be taken down', () => statesOf(bob).get(4242) === null)
  })
})

describe('awareness clocks', () => {
  /** One awareness frame removing every id given, at clock 1: ids the server never saw. */
  function removalsFrame(ids: readonly number[]): Uint8Array {
    const bytes = [...varUint(ids.length)]
    for (const id of ids) bytes.push(...varUint(id), 1, 4, ...new TextEncoder().encode('null'))
    return encodeAwareness(new Uint8Array(bytes))
  }

  it('removals for 100,000 ids the server never saw keep at most a bounded few clocks, all freed when the connection closes', async () => {
    // The rate limit is lifted: this is about what the clocks cost, not how fast they come.
    const { raw, server } = await setup({ maxMessagesPerSecond: 100_000 })
    const bob = await raw('bob')
    const clocks = () => readMetric(server.url, 'hallway_awareness_clocks')
    const baseline = await clocks()
    const mallory = await raw('mallory')
    // Four ids a frame, as many as a connection may claim at once.
    for (let id = 1_000_000; id < 1_100_000; id += 4) mallory.ws.send(removalsFrame([id, id + 1, id + 2, id + 3]))
    // Frames are handled in order: once bob sees her presence, every removal before it was applied.
    mallory.ws.send(awarenessFrame(77, 1, { user: 'mallory' }))
    await waitFor('bob to see mallory', () =>
      bob.frames.some((frame) => {
        const message = decodeMessage(frame)
        return message.type === 'awareness' && message.entries.some((entry) => entry.clientId === 77)
      }),
    )
    expect(mallory.ws.readyState).toBe(mallory.ws.OPEN)
    const held = await clocks()
    expect(held).toBeGreaterThan(baseline)
    expect(held).toBeLessThanOrEqual(baseline + MAX_TRACES_PER_PUBLISHER + 1)

    mallory.ws.close()
    await waitFor('every clock she left to be freed', async () => (await clocks()) === baseline)
  })
})

