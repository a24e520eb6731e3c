import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { outdatedTimeout } from 'y-protocols/awareness'
import { teamDocName } from '../../shared/contract/doc-names'
import { PRESENCE_DELTA_PARAM, encodePresenceDeltas } from '../../shared/contract/presence-delta'
import type { RunningServer } from '../start'
import { createTestTeam, rawClient, readMetric, removeTempDirs, startTestServer, tempDir, tokenFor, waitFor, type RawClient } from '../testing/harness'
import { encodeAwarenessEntries } from './awareness-entries'
import { AWARENESS_RENEWAL_HOLD_MS } from './doc-registry'
import { decodeMessage, encodeAwareness } from './protocol'

const clients: RawClient[] = []
const servers: RunningServer[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.ws.terminate()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

async function setup() {
  const dir = tempDir()
  const teamId = await createTestTeam(dir, 'Acme')
  const server = await startTestServer(dir)
  servers.push(server)
  const join = async (user: string, readsDeltas = false) => {
    const params: Record<string, string> = readsDeltas ? { [PRESENCE_DELTA_PARAM.name]: PRESENCE_DELTA_PARAM.value } : {}
    const client = rawClient(server.url, teamDocName(teamId), await tokenFor(dir, teamId, user), {}, params)
    clients.push(client)
    await client.opened
    return client
  }
  return { server, join }
}

const presence = (clientId: number, clock: number, state: unknown) => encodeAwareness(encodeAwarenessEntries([{ clientId, clock, state }]))

/** The awareness entries (client id, clock, state) of every standard awareness message from `from` on. */
function awarenessFrames(client: RawClient, from = 0): { clientId: number; clock: number; state: unknown }[][] {
  return client.frames.slice(from).flatMap((frame) => {
    const message = decodeMessage(frame)
    return message.type === 'awareness' ? [message.entries.map(({ clientId, clock, state }) => ({ clientId, clock, state }))] : []
  })
}

const has = (client: RawClient, clientId: number, clock: number) => awarenessFrames(client).some((entries) => entries.some((e) => e.clientId === clientId && e.clock === clock))

const ADA = 42
const BOB = 43
const adaInLobby = { user: 'ada', room: 'lobby', mic: false }
const bobInKitchen = { user: 'bob', room: 'kitchen', mic: false }

describe('awareness renewals', () => {
  it('a held renewal still reaches receivers well before they time the state out: a stock client renews within 18 s, held renewals leave 5 s or more to spare', () => {
    // y-protocols renews a state once it is half the timeout old, checking every tenth of it.
    const latestRenewalMs = outdatedTimeout / 2 + outdatedTimeout / 10
    expect(latestRenewalMs + AWARENESS_RENEWAL_HOLD_MS).toBeLessThanOrEqual(outdatedTimeout - 5000)
  })

  it('a renewal (same state, newer clock) waits and goes out in one frame with the next visible change: the same standard message to stock and delta readers, each publisher only the other', async () => {
    const { join } = await setup()
    const [ada, bob, cy, dee] = [await join('ada'), await join('bob'), await join('cy', true), await join('dee')]
    ada.ws.send(presence(ADA, 1, adaInLobby))
    await waitFor('everyone to see ada', () => [bob, cy, dee].every((client) => has(client, ADA, 1)))
    const seen = new Map([ada, bob, cy, dee].map((client) => [client, client.frames.length]))

    ada.ws.send(presence(ADA, 2, adaInLobby))
    bob.ws.send(presence(BOB, 1, bobInKitchen))
    await waitFor('everyone to see bob', () => [ada, cy, dee].every((client) => has(client, BOB, 1)))
    await waitFor('bob to get ada\'s renewal', () => has(bob, ADA, 2))

    const both = [
      { clientId: ADA, clock: 2, state: adaInLobby },
      { clientId: BOB, clock: 1, state: bobInKitchen },
    ]
    expect(awarenessFrames(dee, seen.get(dee))).toEqual([both])
    expect(awarenessFrames(cy, seen.get(cy))).toEqual([both])
    expect(cy.frames.slice(seen.get(cy))).toEqual(dee.frames.slice(seen.get(dee)))
    expect(awarenessFrames(ada, seen.get(ada))).toEqual([[both[1]]])
    expect(awarenessFrames(bob, seen.get(bob))).toEqual([[both[0]]])
  })

  it('a renewal with no change after it still reaches every peer, counted apart from visible changes in the fan-out histogram', async () => {
    const { server, join } = await setup()
    const [ada, bob] = [await join('ada'), await join('bob')]
    ada.ws.send(presence(ADA, 1, adaInLobby))
    await waitFor('bob to see ada', () => has(bob, ADA, 1))
    ada.ws.send(presence(ADA, 2, adaInLobby))
    await waitFor('bob to get ada\'s renewal', () => has(bob, ADA, 2))
    expect(await readMetric(server.url, 'hallway_fanout_seconds_count{kind="renewal"}')).toBe(1)
    expect(await readMetric(server.url, 'hallway_fanout_seconds_count{kind="awareness"}')).toBe(1)
  })

  it('a delta right after a held renewal of the same client: delta readers get the renewal whole, then the delta, which builds on the clock they then hold', async () => {
    const { join } = await setup()
    const [ada, cy, dee] = [await join('ada', true), await join('cy', true), await join('dee')]
    ada.ws.send(presence(ADA, 1, adaInLobby))
    await waitFor('cy and dee to see ada', () => has(cy, ADA, 1) && has(dee, ADA, 1))
    const [cySeen, deeSeen] = [cy.frames.length, dee.frames.length]

    ada.ws.send(presence(ADA, 2, adaInLobby))
    ada.ws.send(encodePresenceDeltas([{ clientId: ADA, clock: 3, steps: 1, changes: [{ key: 'mic', value: true }] }]))
    await waitFor('cy to get two frames', () => cy.frames.length === cySeen + 2)
    const [renewal, delta] = cy.frames.slice(cySeen)
    expect(decodeMessage(renewal!)).toMatchObject({ type: 'awareness', entries: [{ clientId: ADA, clock: 2, state: adaInLobby }] })
    expect(decodeMessage(delta!)).toMatchObject({ type: 'presenceDelta', deltas: [{ clientId: ADA, clock: 3, steps: 1, changes: [{ key: 'mic', value: true }] }] })
    // Stock readers get both whole, in order.
    await waitFor('dee to get ada unmuted', () => has(dee, ADA, 3))
    expect(awarenessFrames(dee, deeSeen).flat()).toEqual([
      { clientId: ADA, clock: 2, state: adaInLobby },
      { clientId: ADA, clock: 3, state: { ...adaInLobby, mic: true } },
    ])
  })
})
