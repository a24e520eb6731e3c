import { afterAll, afterEach, expect, it } from 'vitest'
import { readMetric, removeTempDirs, waitFor, type RawClient } from '../testing/harness'
import { rawOffices } from '../testing/raw-office'
import { awarenessFrame } from '../testing/wire-frames'
import { decodeMessage } from './protocol'

const offices = rawOffices()
afterEach(offices.closeAll)
afterAll(removeTempDirs)

function awarenessEntries(client: RawClient): number {
  return client.frames.filter((frame) => decodeMessage(frame).type === 'awareness').length
}

it('an echo of someone else\'s presence, as every stock client sends, is dropped without counting a refusal', async () => {
  const { server, raw } = await offices.start()
  const ada = await raw('ada')
  const bob = await raw('bob')
  ada.ws.send(awarenessFrame(42, 1, { user: 'ada', room: 'lobby' }))
  await waitFor('bob to see ada', () => awarenessEntries(bob) === 1)

  bob.ws.send(awarenessFrame(42, 1, { user: 'ada', room: 'lobby' }))
  bob.ws.send(awarenessFrame(43, 1, { user: 'bob', room: 'lobby' }))
  await waitFor('ada to see bob', () => awarenessEntries(ada) === 1)
  expect(await readMetric(server.url, 'hallway_refusals_total{reason="awareness-other-user"}')).toBeNaN()

  bob.ws.send(awarenessFrame(42, 2, { user: 'ada', room: 'kitchen' }))
  await waitFor('the overwrite to be refused', async () => (await readMetric(server.url, 'hallway_refusals_total{reason="awareness-other-user"}')) === 1)
})
