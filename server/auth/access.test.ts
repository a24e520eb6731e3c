import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { issuedTokenSchema } from '../../shared/contract/auth-api'
import { CloseCode } from '../../shared/contract/close-codes'
import { chatDocName, teamDocName } from '../../shared/contract/doc-names'
import type { PresenceCore } from '../../shared/core/engine'
import type { RunningServer } from '../start'
import { SqliteAccessStore } from '../store/sqlite-access-store'
import { SqliteStore } from '../store/sqlite-store'
import { seedTeam } from '../admin/teams'
import { storedDoc } from '../testing/stored-doc'
import { encodeUpdate } from '../sync/protocol'
import {
  createTestTeam,
  openCore,
  rawClient,
  readMetric,
  removeTempDirs,
  requestJson,
  startTestServer,
  tempDir,
  tokenFor,
  waitFor,
  type RawClient,
} from '../testing/harness'
import { createInvite } from './invites'
import { loadOrCreateSecret } from './secret'
import { mintToken, verifyToken } from './tokens'

const cores: PresenceCore[] = []
const clients: RawClient[] = []
const servers: RunningServer[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.ws.terminate()
  await Promise.all(cores.splice(0).map((core) => core.close()))
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

async function setup() {
  const dir = tempDir()
  const teamId = await createTestTeam(dir, 'Acme')
  const server = await startTestServer(dir, { revocationCheckMs: 50, tokenTtlSeconds: 600 })
  servers.push(server)
  const raw = (docName: string, token?: string) => {
    const client = rawClient(server.url, docName, token)
    clients.push(client)
    return client
  }
  /** What the admin CLI does: its own connection to DIR/hallway.db. */
  const admin = async <T>(work: (access: SqliteAccessStore) => Promise<T>): Promise<T> => {
    const access = SqliteAccessStore.open(dir)
    try {
      return await work(access)
    } finally {
      await access.close()
    }
  }
  return { dir, teamId, server, raw, admin }
}

function oneUpdate(): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('rooms').set('sneaky', 1)
  return encodeUpdate(Y.encodeStateAsUpdate(doc))
}

describe('POST /api/auth/refresh', () => {
  it('turns a valid token into a fresh one for the same member', async () => {
    const { dir, teamId, server } = await setup()
    const old = await tokenFor(dir, teamId, 'ada', 'guest', 60)
    const { status, body } = await requestJson(`${server.url}/api/auth/refresh`, { method: 'POST', token: old })
    expect(status).toBe(200)
    const issued = issuedTokenSchema.parse(body)
    expect(issued).toMatchObject({ userId: 'ada', teamId })
    const verified = await verifyToken(loadOrCreateSecret(dir), issued.token)
    expect(verified.ok && verified.claims).toMatchObject({ sub: 'ada', team: teamId, role: 'guest', name: 'User ada', exp: issued.expiresAt })
    if (verified.ok) expect(verified.claims.exp - verified.claims.iat!).toBe(600)
  })

  it('refuses missing, forged, expired and revoked tokens with 401 and a reason', async () => {
    const { dir, teamId, server, admin } = await setup()
    const refresh = (token?: string) => requestJson(`${server.url}/api/auth/refresh`, { method: 'POST', token })
    expect(await refresh()).toEqual({ status: 401, body: { error: 'missing-token' } })
    expect(await refresh('not.a.jwt')).toEqual({ status: 401, body: { error: 'invalid-token' } })
    const expired = await mintToken(loadOrCreateSecret(dir), { userId: 'ada', teamId, name: 'Ada', role: 'member', ttlSeconds: 60, now: 1_000_000 })
    expect(await refresh(expired)).toEqual({ status: 401, body: { error: 'token-expired' } })

    const token = await tokenFor(dir, teamId, 'ada')
    await admin((access) => access.revoke(teamId, 'ada', Date.now()))
    expect(await refresh(token)).toEqual({ status: 401, body: { error: 'token-revoked' } })
    expect((await requestJson(`${server.url}/api/auth/refresh`, { token: await tokenFor(dir, teamId, 'bob') })).status).toBe(405)
  })
})

describe('invites', () => {
  it('mint a new member with a new user id who can sync the team', async () => {
    const { teamId, server, admin } = await setup()
    const { code } = await admin((access) => createInvite(access, { teamId, role: 'member', ttlSeconds: 3600 }))
    const accept = (name: string) => requestJson(`${server.url}/api/invites/accept`, { body: { code, name } })

    const first = await accept('Grace Hopper')
    expect(first.status).toBe(200)
    const grace = issuedTokenSchema.parse(first.body)
    expect(grace.teamId).toBe(teamId)
    const second = issuedTokenSchema.parse((await accept('Alan Turing')).body)
    expect(second.userId).not.toBe(grace.userId)

    const core = await openCore(server.url, grace.token)
    cores.push(core)
    await core.whenSynced()
    expect(core.view().team.name).toBe('Acme')
    await waitFor('the server to make her member map', () => core.view().members[grace.userId]?.name === 'Grace Hopper')
  })

  it('with the guest role mint read-only members', async () => {
    const { teamId, server, raw, admin } = await setup()
    const { code } = await admin((access) => createInvite(access, { teamId, role: 'guest', ttlSeconds: 3600 }))
    const guest = issuedTokenSchema.parse((await requestJson(`${server.url}/api/invites/accept`, { body: { code, name: 'Gus' } })).body)
    const client = raw(teamDocName(teamId), guest.token)
    await client.opened
    client.ws.send(oneUpdate())
    expect((await client.closed).code).toBe(CloseCode.forbidden)
  })

  it('refuse unknown and expired codes and bad bodies', async () => {
    const { teamId, server, admin } = await setup()
    const accept = (body: unknown) => requestJson(`${server.url}/api/invites/accept`, { body })
    const expired = await admin((access) => createInvite(access, { teamId, role: 'member', ttlSeconds: 60, now: Date.now() - 120_000 }))
    expect(await accept({ code: expired.code, name: 'Late' })).toEqual({ status: 410, body: { error: 'invite-expired' } })
    expect(await accept({ code: 'x'.repeat(24), name: 'Nobody' })).toEqual({ status: 404, body: { error: 'invite-not-found' } })
    expect((await accept({ code: 'short', name: 'Ada' })).status).toBe(400)
    expect((await accept({ code: 'x'.repeat(24), name: '' })).status).toBe(400)
    expect((await accept({ code: 'x'.repeat(24), name: 'Ada', role: 'admin' })).status).toBe(400)
  })
})

describe('revocation', () => {
  it('closes open connections with 4401, refuses the old tokens everywhere, and lets newer ones in', async () => {
    const { dir, teamId, server, raw, admin } = await setup()
    const old = await tokenFor(dir, teamId, 'ada')
    const team = raw(teamDocName(teamId), old)
    const chat = raw(chatDocName(teamId, 'lobby'), old)
    const bob = raw(teamDocName(teamId), await tokenFor(dir, teamId, 'bob'))
    await Promise.all([team.opened, chat.opened, bob.opened])

    const revocation = await admin((access) => access.revoke(teamId, 'ada', Date.now()))
    expect((await team.closed).code).toBe(CloseCode.badToken)
    expect((await chat.closed).code).toBe(CloseCode.badToken)
    expect((await raw(teamDocName(teamId), old).closed).code).toBe(CloseCode.badToken)
    const livekit = await requestJson(`${server.url}/api/livekit/token`, { token: old, body: { teamId, roomId: 'lobby' } })
    expect(livekit).toEqual({ status: 401, body: { error: 'token-revoked' } })
    expect(await readMetric(server.url, 'hallway_refusals_total{reason="token-revoked"}')).toBe(3)

    // Bob was not revoked; a token Ada gets after the revocation works.
    expect(bob.ws.readyState).toBe(bob.ws.OPEN)
    const now = Math.floor(revocation.revokedAt / 1000) + 1
    const fresh = await mintToken(loadOrCreateSecret(dir), { userId: 'ada', teamId, name: 'Ada', role: 'member', ttlSeconds: 600, now })
    const back = raw(teamDocName(teamId), fresh)
    await back.opened
    await waitFor('her first frames', () => back.frames.length > 0)
    expect(back.ws.readyState).toBe(back.ws.OPEN)
  })
  it('refuses a token issued an hour ahead (it would outlive a revocation made now) on sync and HTTP', async () => {
    const { dir, teamId, server, raw, admin } = await setup()
    const now = Math.floor(Date.now() / 1000) + 3600
    const ahead = await mintToken(loadOrCreateSecret(dir), { userId: 'ada', teamId, name: 'Ada', role: 'member', ttlSeconds: 7200, now })
    const client = raw(teamDocName(teamId), ahead)
    expect(await client.closed).toEqual({ code: CloseCode.badToken, reason: 'token invalid' })
    expect(await requestJson(`${server.url}/api/auth/refresh`, { method: 'POST', token: ahead })).toEqual({ status: 401, body: { error: 'invalid-token' } })
    await admin((access) => access.revoke(teamId, 'ada', Date.now()))
    expect((await raw(teamDocName(teamId), ahead).closed).code).toBe(CloseCode.badToken)
  })
})

describe('team isolation', () => {
  it('a token for team A opens neither team B nor any of its discussions', async () => {
    const { dir, teamId, raw } = await setup()
    const other = await createTestTeam(dir, 'Other')
    const token = await tokenFor(dir, teamId, 'ada')
    for (const docName of [teamDocName(other), chatDocName(other, 'lobby'), chatDocName(other, 'kitchen')]) {
      const client = raw(docName, token)
      expect((await client.closed).code).toBe(CloseCode.forbidden)
      expect(client.frames).toEqual([])
    }
    const own = raw(chatDocName(teamId, 'lobby'), token)
    await own.opened
    await waitFor('its own discussion to sync', () => own.frames.length > 0)
  })

  it('a discussion opens only for a room the team document has; any other is refused with 4403 "unknown room"', async () => {
    const { dir, teamId, server, raw } = await setup()
    const token = await tokenFor(dir, teamId, 'ada')
    for (const docName of [chatDocName(teamId, 'no-such-room'), chatDocName(teamId, 'seed-room-1')]) expect(await raw(docName, token).closed).toEqual({ code: CloseCode.forbidden, reason: 'unknown room' })
    expect(await readMetric(server.url, 'hallway_refusals_total{reason="unknown-room"}')).toBe(2)

    // A room added to the team document (here by the CLI's seed) has its discussion at once.
    const store = SqliteStore.open(dir, { watchIntervalMs: 0 })
    try {
      await seedTeam(store, teamId, { members: 0, rooms: 1 })
    } finally {
      await store.close()
    }
    await waitFor('the new room\'s discussion to open', async () => {
      const client = raw(chatDocName(teamId, 'seed-room-1'), token)
      return await Promise.race([client.opened.then(() => true), client.closed.then(() => false)])
    })
  })

  it('a room deleted from the team document is refused to the next member at once, though the room was found for earlier ones', async () => {
    const { dir, teamId, raw } = await setup()
    const token = await tokenFor(dir, teamId, 'ada')
    // Admitted: the server's first frame arrives; refused: the socket closes first (a refusal sends no frame).
    const verdictFor = (client: RawClient) =>
      Promise.race([waitFor('a first frame', () => client.frames.length > 0).then(() => 'admitted' as const), client.closed])
    // The team document stays loaded (its member is on it), so what the server found about its rooms could outlive a change.
    expect(await verdictFor(raw(teamDocName(teamId), token))).toBe('admitted')
    for (let i = 0; i < 3; i++) expect(await verdictFor(raw(chatDocName(teamId, 'lobby'), token))).toBe('admitted')

    // Written to the store beside the server, as the CLI writes (by hand: a deletion moves no state vector, and the CLI's edit skips those).
    const store = SqliteStore.open(dir, { watchIntervalMs: 0 })
    try {
      const doc = await storedDoc(dir, teamDocName(teamId))
      const deletions: Uint8Array[] = []
      doc.on('update', (update: Uint8Array) => deletions.push(update))
      doc.getMap('rooms').delete('lobby')
      expect(deletions).toHaveLength(1)
      await store.append(teamDocName(teamId), deletions[0]!)
    } finally {
      await store.close()
    }
    const refused = await waitFor("the deleted room's discussion to be refused", async () => {
      const client = raw(chatDocName(teamId, 'lobby'), token)
      const verdict = await verdictFor(client)
      if (verdict !== 'admitted') return verdict
      // Not yet: this one goes, so the tries do not add up to the member's connection limit.
      client.ws.terminate()
      await client.closed
      return null
    })
    expect(refused).toEqual({ code: CloseCode.forbidden, reason: 'unknown room' })
  })

  it('a guest may read a discussion but not write to it', async () => {
    const { dir, teamId, raw } = await setup()
    const client = raw(chatDocName(teamId, 'lobby'), await tokenFor(dir, teamId, 'gus', 'guest'))
    await client.opened
    await waitFor('the sync step', () => client.frames.length > 0)
    client.ws.send(oneUpdate())
    expect((await client.closed).code).toBe(CloseCode.forbidden)
  })
})
