import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/contract/close-codes'
import { readMetric, removeTempDirs, waitFor } from '../testing/harness'
import { rawOffices } from '../testing/raw-office'

const offices = rawOffices()
afterEach(offices.closeAll)
afterAll(removeTempDirs)

describe('connections per user', () => {
  it('refuses past the cap with 4429 and a reason, per user, and frees the slot on close', async () => {
    const { raw, server } = await offices.start({ maxConnectionsPerUser: 2 })
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
