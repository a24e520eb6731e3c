import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createTestTeam, removeTempDirs, startTestServer, tempDir, tokenFor, unsignedToken, waitFor } from '../../server/testing/harness'
import type { RunningServer } from '../../server/start'
import { readTokenClaims } from '../contract/token-claims'
import { keepTokenFresh, refreshDelayMs, type TokenKeeper } from './token-refresh'

const servers: RunningServer[] = []
const keepers: TokenKeeper[] = []
afterEach(async () => {
  keepers.splice(0).forEach((keeper) => keeper.close())
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

describe('refreshDelayMs', () => {
  it('refreshes a third of the lifetime before expiry, at least a minute before', () => {
    const token = unsignedToken('t', 'u') // exp 4_000_000_000, no iat: taken as a one-hour token
    expect(refreshDelayMs(token, (4_000_000_000 - 1200) * 1000)).toBe(0)
    expect(refreshDelayMs(token, (4_000_000_000 - 1500) * 1000)).toBe(300_000)
  })
})

describe('keepTokenFresh against a real server', () => {
  it('swaps in a fresh token before the old one expires, and the server accepts it', async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir)
    const server = await startTestServer(dir)
    servers.push(server)
    const shortLived = await tokenFor(dir, teamId, 'ada', 'member', 120)
    const refreshed: string[] = []
    // A clock 61 s ahead: the two-minute token is already inside its refresh window.
    keepers.push(keepTokenFresh({ serverUrl: server.url, token: shortLived, now: () => Date.now() + 61_000, onToken: (t) => void refreshed.push(t) }))
    const token = await waitFor('a refreshed token', () => refreshed[0])
    expect(readTokenClaims(token)).toMatchObject({ sub: 'ada', team: teamId })
    expect(readTokenClaims(token).exp).toBeGreaterThan(readTokenClaims(shortLived).exp)
    const check = await fetch(`${server.url}/api/auth/refresh`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })
    expect(check.status).toBe(200)
  })

  it('stops when the server refuses the token', async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir)
    const server = await startTestServer(dir)
    servers.push(server)
    const refreshed: string[] = []
    const forged = unsignedToken(teamId, 'mallory')
    const keeper = keepTokenFresh({ serverUrl: server.url, token: forged, onToken: (t) => void refreshed.push(t), now: () => (4_000_000_000 - 100) * 1000 })
    keepers.push(keeper)
    await waitFor('the refusal', () => keeper.outcome() === 'refused')
    expect(refreshed).toEqual([])
    expect(keeper.current()).toBe(forged)
  })
})
