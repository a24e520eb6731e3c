import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readMetric, removeTempDirs, waitFor, type RawClient } from '../testing/harness'
import { rawOffices } from '../testing/raw-office'
import { awarenessFrame, hasWholeDocument, received, WHOLE_DOCUMENT_PLEASE } from '../testing/wire-frames'
import { decodeMessage, encodeUpdate } from './protocol'

const offices = rawOffices()
afterEach(offices.closeAll)
afterAll(removeTempDirs)

describe('garbage never reaches peers or the store', () => {
  it('an update that depends on changes the document lacks is refused (1003), not held back for others', async () => {
    const { raw, stored } = await offices.start()
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
    const { raw, server } = await offices.start()
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
    // Arrivals right after another one go out together when the room's arrival hold ends.
    const eveIds = () => [...statesOf(bob).keys()].filter((id) => id > 7000 && id < 8000)
    await waitFor("bob to see eve's accepted ids", () => eveIds().length >= 4)
    expect(eveIds()).toHaveLength(4)

    let deep: unknown = 1
    for (let i = 0; i < 100; i++) deep = [deep]
    ada.ws.send(awarenessFrame(4242, 2, { user: 'ada', deep }))
    expect((await ada.closed).code).toBe(1003)
    await waitFor('ada\'s state to be taken down', () => statesOf(bob).get(4242) === null)
  })
})
