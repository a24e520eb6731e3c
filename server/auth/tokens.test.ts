import { statSync } from 'node:fs'
import { join } from 'node:path'
import { SignJWT } from 'jose'
import { afterAll, describe, expect, it } from 'vitest'
import { readTokenClaims } from '../../shared/contract/token-claims'
import { removeTempDirs, tempDir } from '../testing/harness'
import { loadOrCreateSecret } from './secret'
import { MAX_CLOCK_SKEW_SECONDS, mintToken, parseTtl, verifyingKey, verifyToken } from './tokens'

afterAll(removeTempDirs)

describe('member tokens', () => {
  const request = { userId: 'ada', teamId: 'team1', name: 'Ada', role: 'member' as const, ttlSeconds: 3600 }

  it('creates one 0600 secret on first use and reuses it', () => {
    const dir = tempDir()
    const first = loadOrCreateSecret(dir)
    expect(first.byteLength).toBe(32)
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600)
    expect(loadOrCreateSecret(dir)).toEqual(first)
  })

  it('round-trips exactly the contract claims', async () => {
    const secret = loadOrCreateSecret(tempDir())
    const token = await mintToken(secret, request)
    const result = await verifyToken(secret, token)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(Object.keys(result.claims).sort()).toEqual(['exp', 'iat', 'name', 'role', 'sub', 'team'])
    expect(result.claims).toMatchObject({ sub: 'ada', team: 'team1', role: 'member', name: 'Ada' })
    expect(result.claims.exp - result.claims.iat!).toBe(3600)
    expect(readTokenClaims(token)).toEqual(result.claims)
  })

  const keyForms: [string, (secret: Uint8Array) => Promise<Uint8Array | CryptoKey>][] = [
    ['the raw secret', async (secret) => secret],
    ['the verification key imported once', verifyingKey],
  ]
  it.each(keyForms)('with %s: accepts a good token, refuses missing, tampered, foreign-secret, other-algorithm, expired and schema-less ones', async (_form, keyOf) => {
    const secret = loadOrCreateSecret(tempDir())
    const key = await keyOf(secret)
    const token = await mintToken(secret, request)
    const [header, , signature] = token.split('.')
    const forged = Buffer.from(JSON.stringify({ ...readTokenClaims(token), team: 'other' })).toString('base64url')

    expect(await verifyToken(key, token)).toMatchObject({ ok: true, claims: { sub: 'ada', team: 'team1' } })
    expect(await verifyToken(key, undefined)).toEqual({ ok: false, reason: 'missing' })
    expect(await verifyToken(key, `${header}.${forged}.${signature}`)).toEqual({ ok: false, reason: 'invalid' })
    expect(await verifyToken(key, 'not-a-jwt')).toEqual({ ok: false, reason: 'invalid' })
    expect(await verifyToken(await keyOf(loadOrCreateSecret(tempDir())), token)).toEqual({ ok: false, reason: 'invalid' })
    const hs512 = await new SignJWT({ team: 'team1', role: 'member', name: 'Ada' })
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('ada')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(secret)
    expect(await verifyToken(key, hs512)).toEqual({ ok: false, reason: 'invalid' })
    const old = await mintToken(secret, { ...request, now: 1_000_000, ttlSeconds: 60 })
    expect(await verifyToken(key, old)).toEqual({ ok: false, reason: 'expired' })
    const noRole = await new SignJWT({ team: 'team1', name: 'Ada' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('ada')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(secret)
    expect(await verifyToken(key, noRole)).toEqual({ ok: false, reason: 'invalid' })
  })

  it('refuses a token issued in the future beyond the clock skew, which would outlive a revocation made now', async () => {
    const secret = loadOrCreateSecret(tempDir())
    const now = 2_000_000_000
    const ahead = (seconds: number) => mintToken(secret, { ...request, now: now + seconds })
    expect(await verifyToken(secret, await ahead(MAX_CLOCK_SKEW_SECONDS + 1), now)).toEqual({ ok: false, reason: 'invalid' })
    expect(await verifyToken(secret, await ahead(24 * 3600), now)).toEqual({ ok: false, reason: 'invalid' })
    expect((await verifyToken(secret, await ahead(MAX_CLOCK_SKEW_SECONDS), now)).ok).toBe(true)
    expect((await verifyToken(secret, await ahead(0), now)).ok).toBe(true)
  })

  it('parses TTLs', () => {
    expect(parseTtl('1h')).toBe(3600)
    expect(parseTtl('30m')).toBe(1800)
    expect(parseTtl('7d')).toBe(7 * 86400)
    expect(parseTtl('90')).toBe(90)
    expect(parseTtl('0s')).toBeNull()
    expect(parseTtl('1w')).toBeNull()
  })
})
