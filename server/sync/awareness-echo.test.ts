import { afterAll, afterEach, expect, it } from 'vitest'
import { teamDocName } from '../../shared/contract/doc-names'
import type { RunningServer } from '../start'
import { createTestTeam, rawClient, readMetric, removeTempDirs, startTestServer, tempDir, tokenFor, waitFor, type RawClient } from '../testing/harness'
import { decodeMessage, encodeAwareness } from './protocol'

const clients: RawClient[] = []
const servers: RunningServer[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.ws.terminate()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(state))
  // Ids, clocks and lengths below 128 are one varint byte each.
  return encodeAwareness(new Uint8Array([1, clientId, clock, json.length, ...json]))
}

function awarenessEntries(client: RawClient): number {
  return client.frames.filter((frame) => decodeMessage(frame).type === 'awareness').length
}

it('an echo of someone else\'s presence, as every stock client sends, is dropped without counting a refusal', async () => {
  const dir = tempDir()
  const teamId = await createTestTeam(dir, 'Acme')
  const server = await startTestServer(dir)
  servers.push(server)
  const join = async (user: string) => {
    const client = rawClient(server.url, teamDocName(teamId), await tokenFor(dir, teamId, user))
    clients.push(client)
    await client.opened
    return client
  }
  const ada = await join('ada')
  const bob = await join('bob')
  ada.ws.send(awarenessFrame(42, 1, { user: 'ada', room: 'lobby' }))
  await waitFor('bob to see ada', () => awarenessEntries(bob) === 1)

  bob.ws.send(awarenessFrame(42, 1, { user: 'ada', room: 'lobby' }))
  bob.ws.send(awarenessFrame(43, 1, { user: 'bob', room: 'lobby' }))
  await waitFor('ada to see bob', () => awarenessEntries(ada) === 1)
  expect(await readMetric(server.url, 'hallway_refusals_total{reason="awareness-other-user"}')).toBeNaN()

  bob.ws.send(awarenessFrame(42, 2, { user: 'ada', room: 'kitchen' }))
  await waitFor('the overwrite to be refused', async () => (await readMetric(server.url, 'hallway_refusals_total{reason="awareness-other-user"}')) === 1)
})
