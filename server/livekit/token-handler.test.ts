import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { TokenVerifier } from 'livekit-server-sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TokenClaims } from '../../shared/contract/token-claims'
import type { OfficeRoom } from './call-access'
import { LIVEKIT_TOKEN_PATH, createLivekitTokenHandler, type LivekitTokenHandlerDeps } from './token-handler'

const livekit = { url: 'ws://10.231.7.2:7880', apiKey: 'devkey', apiSecret: 'secret' }
const members: Record<string, TokenClaims> = {
  'token-ada': { sub: 'ada', team: 'acme', role: 'member', name: 'Ada', exp: 4_000_000_000 },
  'token-gus': { sub: 'gus', team: 'acme', role: 'guest', name: 'Gus', exp: 4_000_000_000 },
}
const rooms: Record<string, OfficeRoom> = { 'acme/lounge': { door: 'open' }, 'acme/vault': { door: 'locked' } }

const deps: LivekitTokenHandlerDeps = {
  verifyToken: async (token) => (members[token] ? { ok: true, claims: members[token]! } : { ok: false, reason: 'invalid' }),
  findRoom: (teamId, roomId) => rooms[`${teamId}/${roomId}`] ?? null,
  livekit,
  bodyTimeoutMs: 10_000,
}

async function serve(handlerDeps: LivekitTokenHandlerDeps): Promise<{ server: Server; base: string }> {
  const handle = createLivekitTokenHandler(handlerDeps)
  const server = createServer((req, res) => void handle(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

describe('POST /api/livekit/token', () => {
  let server: Server
  let base: string
  beforeAll(async () => ({ server, base } = await serve(deps)))
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const post = (body: unknown, token: string | null = 'token-ada', raw?: string) =>
    fetch(base + LIVEKIT_TOKEN_PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: raw ?? JSON.stringify(body),
    })

  it('answers a member with the LiveKit url and a call token', async () => {
    const response = await post({ teamId: 'acme', roomId: 'lounge' })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { url: string; token: string }
    expect(body.url).toBe(livekit.url)
    const claims = await new TokenVerifier(livekit.apiKey, livekit.apiSecret).verify(body.token)
    expect(claims.sub).toBe('ada')
    expect(claims.video).toMatchObject({ room: 'acme.lounge', canPublish: true })
  })

  it('gives guests a subscribe-only grant', async () => {
    const body = (await (await post({ teamId: 'acme', roomId: 'lounge' }, 'token-gus')).json()) as { token: string }
    const claims = await new TokenVerifier(livekit.apiKey, livekit.apiSecret).verify(body.token)
    expect(claims.video).toMatchObject({ canSubscribe: true, canPublish: false })
  })

  it('answers 403 for another team, an unknown room and a locked door', async () => {
    for (const [body, reason] of [
      [{ teamId: 'other', roomId: 'lounge' }, 'wrong-team'],
      [{ teamId: 'acme', roomId: 'nowhere' }, 'unknown-room'],
      [{ teamId: 'acme', roomId: 'vault' }, 'door-locked'],
    ] as const) {
      const response = await post(body)
      expect(response.status).toBe(403)
      expect(await response.json()).toEqual({ error: reason })
    }
  })

  it('answers 401 without a valid member token', async () => {
    expect((await post({ teamId: 'acme', roomId: 'lounge' }, null)).status).toBe(401)
    expect((await post({ teamId: 'acme', roomId: 'lounge' }, 'forged')).status).toBe(401)
  })

  it('answers 400 for malformed bodies and 413 for huge ones', async () => {
    expect((await post(null, 'token-ada', '{not json')).status).toBe(400)
    expect((await post({ teamId: 'acme' })).status).toBe(400)
    expect((await post({ teamId: 'acme', roomId: 'a/b' })).status).toBe(400)
    expect((await post({ teamId: 'acme', roomId: 'lounge', extra: 1 })).status).toBe(400)
    expect((await post({ teamId: 'acme', roomId: 'x'.repeat(10_000) })).status).toBe(413)
  })

  it('answers 405 to anything but POST', async () => {
    const response = await fetch(base + LIVEKIT_TOKEN_PATH)
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('POST')
  })
})

describe('POST /api/livekit/token without LiveKit or with a failing store', () => {
  it('answers 503 when calls are unavailable', async () => {
    const { server, base } = await serve({ ...deps, livekit: null })
    const response = await fetch(base + LIVEKIT_TOKEN_PATH, {
      method: 'POST',
      headers: { Authorization: 'Bearer token-ada' },
      body: JSON.stringify({ teamId: 'acme', roomId: 'lounge' }),
    })
    expect(response.status).toBe(503)
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  it('refuses another team before looking up any of its rooms', async () => {
    const { server, base } = await serve({ ...deps, findRoom: () => Promise.reject(new Error('another team was looked up')) })
    const response = await fetch(base + LIVEKIT_TOKEN_PATH, {
      method: 'POST',
      headers: { Authorization: 'Bearer token-ada' },
      body: JSON.stringify({ teamId: 'other', roomId: 'lounge' }),
    })
    expect(response.status).toBe(403)
    expect(await response.json()).toEqual({ error: 'wrong-team' })
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  it('answers 500 and reports unexpected failures', async () => {
    const errors: unknown[] = []
    const failing: LivekitTokenHandlerDeps = {
      ...deps,
      findRoom: () => Promise.reject(new Error('store down')),
      onError: (error) => errors.push(error),
    }
    const { server, base } = await serve(failing)
    const response = await fetch(base + LIVEKIT_TOKEN_PATH, {
      method: 'POST',
      headers: { Authorization: 'Bearer token-ada' },
      body: JSON.stringify({ teamId: 'acme', roomId: 'lounge' }),
    })
    expect(response.status).toBe(500)
    expect(errors).toHaveLength(1)
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })
})
