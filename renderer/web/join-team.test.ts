import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { readTokenClaims } from '../../shared/contract/token-claims'
import { createInvite } from '../../server/auth/invites'
import type { RunningServer } from '../../server/start'
import { SqliteAccessStore } from '../../server/store/sqlite-access-store'
import { createTestTeam, refusedUrl, removeTempDirs, startTestServer, tempDir } from '../../server/testing/harness'
import { acceptInvite } from './join-team'
import { readJoin } from './launch-params'

const servers: RunningServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

/** A running server and an invite to its team, made `ageSeconds` ago with a one-hour lifetime. */
async function invited(ageSeconds = 0) {
  const dir = tempDir()
  const teamId = await createTestTeam(dir)
  const server = await startTestServer(dir)
  servers.push(server)
  const access = SqliteAccessStore.open(dir)
  const { code } = await createInvite(access, { teamId, role: 'member', ttlSeconds: 3600, now: Date.now() - ageSeconds * 1000 })
  await access.close()
  return { server, teamId, code }
}

describe('joining with an invite from the web page', () => {
  it('makes a new member with the given name on the invite’s team', async () => {
    const { server, teamId, code } = await invited()
    const issued = await acceptInvite(server.url, code, 'Grace Hopper')
    expect(issued.teamId).toBe(teamId)
    expect(readTokenClaims(issued.token)).toMatchObject({ team: teamId, sub: issued.userId, name: 'Grace Hopper', role: 'member' })
  })

  it('says an expired invite has expired and to ask an admin for a new link', async () => {
    const { server, code } = await invited(2 * 3600)
    await expect(acceptInvite(server.url, code, 'Grace')).rejects.toThrow('This invite link has expired. Ask a team admin for a new invite link.')
  })

  it('says a code the server never issued is not valid, and to ask an admin for a new link', async () => {
    const { server } = await invited()
    await expect(acceptInvite(server.url, 'A'.repeat(24), 'Grace')).rejects.toThrow(/not valid.*Ask a team admin for a new invite link/)
  })

  it('says when the server cannot be reached, naming it', async () => {
    const url = await refusedUrl()
    await expect(acceptInvite(url, 'A'.repeat(24), 'Grace')).rejects.toThrow(`could not reach the server at ${url}`)
  })
})

describe('invite links', () => {
  it('reads ?server=&invite=, and explains a link without a server or with a cut-off code', () => {
    expect(readJoin('?server=http%3A%2F%2Fhost%3A8787%2F&invite=abcdefghijklmnopqrstuvwx')).toEqual({
      ok: true,
      serverUrl: 'http://host:8787',
      code: 'abcdefghijklmnopqrstuvwx',
    })
    expect(readJoin('?server=http://host')).toBeNull()
    expect(readJoin('?invite=abcdefghijklmnopqrstuvwx')).toMatchObject({ ok: false, error: expect.stringMatching(/no valid server address/) })
    expect(readJoin('?server=http://host&invite=abc')).toMatchObject({ ok: false, serverUrl: 'http://host', error: expect.stringMatching(/damaged/) })
  })
})
