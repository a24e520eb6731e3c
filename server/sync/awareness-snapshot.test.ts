import { afterAll, afterEach, expect, it } from 'vitest'
import { removeTempDirs, waitFor, type RawClient } from '../testing/harness'
import { rawOffices } from '../testing/raw-office'
import { awarenessFrame } from '../testing/wire-frames'
import { decodeMessage, type AwarenessEntry } from './protocol'

const offices = rawOffices()
afterEach(offices.closeAll)
afterAll(removeTempDirs)

function awarenessFrames(client: RawClient): AwarenessEntry[][] {
  return client.frames.flatMap((frame) => {
    const message = decodeMessage(frame)
    return message.type === 'awareness' ? [message.entries] : []
  })
}

/** The presence a member got on joining: the first awareness frame, sent right after sync step 1. */
async function joinSnapshot(join: Promise<RawClient>): Promise<AwarenessEntry[]> {
  const client = await join
  await waitFor('the joiner to get the presence snapshot', () => awarenessFrames(client).length > 0)
  return awarenessFrames(client)[0]!
}

function seesClock(client: RawClient, clientId: number, clock: number): boolean {
  return awarenessFrames(client).some((entries) => entries.some((entry) => entry.clientId === clientId && entry.clock === clock))
}

it("joiners share one presence snapshot, and it follows every change and leave: no joiner gets a state that is gone", async () => {
  const { raw } = await offices.start()
  const ada = await raw('ada')
  ada.ws.send(awarenessFrame(42, 1, { user: 'ada', room: 'lobby' }))
  const bob = await raw('bob')
  await waitFor('bob to have ada in the lobby', () => seesClock(bob, 42, 1))
  bob.ws.send(awarenessFrame(43, 1, { user: 'bob', room: 'lobby' }))
  await waitFor('ada to see bob', () => seesClock(ada, 43, 1))

  const [carol, dave] = await Promise.all([joinSnapshot(raw('carol')), joinSnapshot(raw('dave'))])
  expect(carol).toEqual(dave)
  expect(carol).toEqual(expect.arrayContaining([{ clientId: 42, clock: 1, state: { user: 'ada', room: 'lobby' } }]))

  ada.ws.send(awarenessFrame(42, 2, { user: 'ada', room: 'kitchen' }))
  await waitFor('bob to see ada walk', () => seesClock(bob, 42, 2))
  const erin = await joinSnapshot(raw('erin'))
  expect(erin.find((entry) => entry.clientId === 42)).toEqual({ clientId: 42, clock: 2, state: { user: 'ada', room: 'kitchen' } })

  ada.ws.close()
  await waitFor('bob to see ada leave', () => awarenessFrames(bob).some((entries) => entries.some((entry) => entry.clientId === 42 && entry.state === null)))
  const frank = await joinSnapshot(raw('frank'))
  expect(frank.map((entry) => entry.clientId)).toContain(43)
  expect(frank.map((entry) => entry.clientId)).not.toContain(42)
})
