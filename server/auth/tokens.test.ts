import { statSync } from 'node:fs'
import { join } from 'node:path'
import { createHmac, type KeyObject } from 'node:crypto'
import { SignJWT, UnsecuredJWT, jwtVerify } from 'jose'
import { afterAll, describe, expect, it } from 'vitest'
import { readTokenClaims } from '../../shared/contract/token-claims'
import { removeTempDirs, tempDir } from '../testing/harness'
import { loadOrCreateSecret } from './secret'
import { MAX_CLOCK_SKEW_SECONDS, MINTED_HEADER, mintToken, parseTtl, verifyingKey, verifyToken } from './tokens'

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

  const keyForms: [string, (secret: Uint8Array) => Uint8Array | KeyObject][] = [
    ['the raw secret', (secret) => secret],
    ['the verification key made once', verifyingKey],
  ]
  it.each(keyForms)('with %s: accepts a good token, refuses missing, tampered, foreign-secret, other-algorithm, expired and schema-less ones', async (_form, keyOf) => {
    const secret = loadOrCreateSecret(tempDir())
    const key = keyOf(secret)
    const token = await mintToken(secret, request)
    const [header, , signature] = token.split('.')
    const forged = Buffer.from(JSON.stringify({ ...readTokenClaims(token), team: 'other' })).toString('base64url')

    expect(await verifyToken(key, token)).toMatchObject({ ok: true, claims: { sub: 'ada', team: 'team1' } })
    expect(await verifyToken(key, undefined)).toEqual({ ok: false, reason: 'missing' })
    expect(await verifyToken(key, `${header}.${forged}.${signature}`)).toEqual({ ok: false, reason: 'invalid' })
    expect(await verifyToken(key, 'not-a-jwt')).toEqual({ ok: false, reason: 'invalid' })
    expect(await verifyToken(keyOf(loadOrCreateSecret(tempDir())), token)).toEqual({ ok: false, reason: 'invalid' })
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

  it('agrees with jose\'s jwtVerify (HS256, exp and sub required) on good, forged, expired, not-yet-valid and malformed tokens', async () => {
    const secret = loadOrCreateSecret(tempDir())
    const now = Math.floor(Date.now() / 1000)
    const signed = (claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }) =>
      new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(secret)
    const base = { sub: 'ada', team: 'team1', role: 'member', name: 'Ada', iat: now, exp: now + 60 }
    const good = await mintToken(secret, request)
    const [header, payload, signature] = good.split('.') as [string, string, string]
    // The header our tokens carry skips decoding: the forged ones below carry it too.
    expect(header).toBe(MINTED_HEADER)
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
    // What jose will not sign: extension headers.
    const handSigned = (protectedHeader: unknown, claims: unknown) => {
      const input = `${encode(protectedHeader)}.${encode(claims)}`
      return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`
    }
    const tokens = [
      good,
      await signed(base),
      await signed({ ...base, exp: now }),
      await signed({ ...base, exp: now - 1 }),
      await signed({ ...base, nbf: now + 30 }),
      await signed({ ...base, nbf: now }),
      await signed({ ...base, exp: String(now + 60) }),
      await signed({ ...base, iat: 'yesterday' }),
      await signed({ team: 'team1', role: 'member', name: 'Ada', exp: now + 60 }),
      await signed({ sub: 'ada', team: 'team1', role: 'member', name: 'Ada' }),
      await signed(base, { alg: 'HS512' }),
      handSigned({ alg: 'HS256' }, base),
      handSigned({ alg: 'HS256', crit: ['b64'], b64: false }, base),
      handSigned({ alg: 'HS256', crit: ['exp'], exp: 1 }, base),
      handSigned({ alg: 'HS256', b64: false }, base),
      handSigned(['HS256'], base),
      new UnsecuredJWT(base).encode(),
      `${encode({ alg: 'none' })}.${payload}.`,
      `${header}.${encode([base])}.${signature}`,
      `${header}.${payload}.${signature.slice(0, -1)}`,
      `${header}.${payload}.${signature}A`,
      `${header}.${payload}`,
      `${header}.${payload}.${signature}.${signature}`,
      '..',
    ]
    for (const token of tokens) {
      const jose = await jwtVerify(token, secret, { algorithms: ['HS256'], requiredClaims: ['exp', 'sub'] }).then(
        () => 'ok',
        (error: { code?: string }) => (error.code === 'ERR_JWT_EXPIRED' ? 'expired' : 'invalid'),
      )
      const ours = verifyToken(secret, token)
      // Every token here that jose accepts also meets the claims schema: the verdicts must be the same.
      expect({ token, verdict: ours.ok ? 'ok' : ours.reason }).toEqual({ token, verdict: jose })
    }
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
