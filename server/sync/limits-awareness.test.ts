import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { readMetric, removeTempDirs, waitFor } from '../testing/harness'
import { rawOffices } from '../testing/raw-office'
import { awarenessFrame, hasWholeDocument, varUint, WHOLE_DOCUMENT_PLEASE } from '../testing/wire-frames'
import { MAX_TRACES_PER_PUBLISHER } from './awareness-owners'
import { decodeMessage, encodeAwareness } from './protocol'

const offices = rawOffices()
afterEach(offices.closeAll)
afterAll(removeTempDirs)

describe('awareness frames naming many clients', () => {
  it('one naming more clients than the document knows (30,000 at clock 0) is dropped unread and counted; the connection carries on', async () => {
    const { raw, server } = await offices.start()
    const mallory = await raw('mallory')
    const bytes: number[] = []
    for (let id = 1; id <= 30_000; id++) bytes.push(...varUint(id), 0, 2, ...new TextEncoder().encode('{}'))
    mallory.ws.send(encodeAwareness(new Uint8Array([...varUint(30_000), ...bytes])))
    await waitFor('the frame to be counted', async () => (await readMetric(server.url, 'hallway_refusals_total{reason="awareness-too-many-ids"}')) === 1)
    mallory.ws.send(WHOLE_DOCUMENT_PLEASE)
    await waitFor('mallory to still be served', () => hasWholeDocument(mallory))
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
    const { raw, server } = await offices.start({ maxMessagesPerSecond: 100_000 })
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
