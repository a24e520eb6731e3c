import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/contract/close-codes'
import { readMetric, removeTempDirs, waitFor } from '../testing/harness'
import { rawOffices } from '../testing/raw-office'
import { awarenessFrame, hasWholeDocument, WHOLE_DOCUMENT_PLEASE } from '../testing/wire-frames'
import { decodeMessage } from './protocol'

const offices = rawOffices()
afterEach(offices.closeAll)
afterAll(removeTempDirs)

describe('rate limits', () => {
  it('close a connection that sends too many messages with 4429', async () => {
    const { raw, server } = await offices.start({ maxMessagesPerSecond: 10 })
    const client = await raw('ada')
    const polite = await raw('bob')
    for (let i = 0; i < 50; i++) client.ws.send(new Uint8Array([3]))
    polite.ws.send(new Uint8Array([3]))
    expect((await client.closed).code).toBe(CloseCode.rateLimited)
    expect(polite.ws.readyState).toBe(polite.ws.OPEN)
    expect(await readMetric(server.url, 'hallway_refusals_total{reason="rate-limited"}')).toBe(1)
  })

  it('count echoes too: a flood of frames echoing presence the server has is cut with 4429, the sender of it is not', async () => {
    const { raw, server } = await offices.start({ maxMessagesPerSecond: 10 })
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
    const { raw } = await offices.start({ maxMessagesPerSecond: 1 })
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
    const { raw } = await offices.start({ maxMessageBytes: 1024, maxBytesPerSecond: 1024 })
    const client = await raw('ada')
    // Burst: two maximum-size messages. A query-awareness frame ignores trailing bytes.
    const frame = new Uint8Array(1000)
    frame[0] = 3
    for (let i = 0; i < 4; i++) client.ws.send(frame)
    expect((await client.closed).code).toBe(CloseCode.rateLimited)
  })
})
