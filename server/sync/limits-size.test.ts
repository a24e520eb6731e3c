import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/contract/close-codes'
import { chatDocName } from '../../shared/contract/doc-names'
import { DEFAULT_TUNING } from '../tuning'
import { readMetric, removeTempDirs, waitFor } from '../testing/harness'
import { MARKER, MESSAGE_CHARS, messageIds, messageWriter, sendMarker } from '../testing/message-writes'
import { rawOffices } from '../testing/raw-office'
import { appendMessage } from '../testing/raw-yjs-client'
import { hasWholeDocument, received, WHOLE_DOCUMENT_PLEASE } from '../testing/wire-frames'
import { encodeUpdate } from './protocol'

const offices = rawOffices()
afterEach(offices.closeAll)
afterAll(removeTempDirs)

describe('document size cap', () => {
  it('refuses with 4413 an update that would push the document over the cap, applying nothing', async () => {
    const { raw, stored, server, teamId } = await offices.start({ maxDocBytes: 64 * 1024 })
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
    const { raw, server, stored } = await offices.start()
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
    const { raw, teamId } = await offices.start()
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
    const { raw, stored, server, teamId } = await offices.start()
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
    const { raw, stored, server, teamId } = await offices.start()
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
