import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/contract/close-codes'
import { chatDocName } from '../../shared/contract/doc-names'
import { removeTempDirs, waitFor } from '../testing/harness'
import { messageIds } from '../testing/message-writes'
import { rawOffices } from '../testing/raw-office'
import { appendMessage } from '../testing/raw-yjs-client'
import { received, WHOLE_DOCUMENT_PLEASE } from '../testing/wire-frames'
import { encodeSyncStep2, encodeUpdate } from './protocol'

const offices = rawOffices()
afterEach(offices.closeAll)
afterAll(removeTempDirs)

describe('a sync step 2 over the message cap (a writer back from offline sends all it wrote in it)', () => {
  /** Caps a few hundred times smaller than the backlog: a 1 KiB message cap, 2 KiB of byte burst. */
  const SMALL_CAPS = { maxMessageBytes: 1024, maxBytesPerSecond: 1024 }

  function offlineBacklog(author: string, count: number): Y.Doc {
    const doc = new Y.Doc()
    for (let i = 0; i < count; i++) appendMessage(doc, author, `offline ${i}`, `${author}-offline-${i}`)
    return doc
  }

  it('is taken whole, past the message cap and the byte bucket, stored and served; the connection carries on', async () => {
    const { raw, stored, teamId } = await offices.start(SMALL_CAPS)
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
    const { raw, teamId } = await offices.start(SMALL_CAPS)
    const chat = chatDocName(teamId, 'kitchen')
    const writer = await raw('ada', chat)
    writer.ws.send(encodeSyncStep2(offlineBacklog('ada', 500)))
    writer.ws.send(encodeSyncStep2(offlineBacklog('ada-again', 500)))
    expect((await writer.closed).code).toBe(CloseCode.rateLimited)
  })

  it('any other message that size is still refused with 4413', async () => {
    const { raw, teamId } = await offices.start(SMALL_CAPS)
    const writer = await raw('ada', chatDocName(teamId, 'kitchen'))
    writer.ws.send(encodeUpdate(Y.encodeStateAsUpdate(offlineBacklog('ada', 500))))
    expect(await writer.closed).toEqual({ code: CloseCode.tooLarge, reason: 'message too large' })
  })
})
