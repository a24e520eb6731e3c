import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto'
import { SignJWT } from 'jose'
import { checkTokenClaims, type Role, type TokenClaims } from '../../shared/contract/token-claims'
import { tokenClaimsSchema } from '../../shared/contract/token-claims-schema'

const ALG = 'HS256'

export interface MintRequest {
  userId: string
  teamId: string
  name: string
  role: Role
  /** Lifetime in seconds. */
  ttlSeconds: number
  /** Seconds since the epoch; defaults to now (tests pass their own clock). */
  now?: number
}

/** Signs a member token whose claims are exactly those of shared/contract/token-claims.ts. */
export async function mintToken(secret: Uint8Array, request: MintRequest): Promise<string> {
  const iat = request.now ?? Math.floor(Date.now() / 1000)
  const claims = tokenClaimsSchema.parse({
    sub: request.userId,
    team: request.teamId,
    role: request.role,
    name: request.name,
    iat,
    exp: iat + request.ttlSeconds,
  })
  return new SignJWT({ team: claims.team, role: claims.role, name: claims.name })
    .setProtectedHeader({ alg: ALG, typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt(claims.iat)
    .setExpirationTime(claims.exp)
    .sign(secret)
}

/**
 * A token issued further ahead than this is refused: its `iat` would place it after a revocation
 * made now, so it would outlive it. A little skew is allowed for the CLI and nodes' clocks.
 */
export const MAX_CLOCK_SKEW_SECONDS = 60

export type VerifyResult = { ok: true; claims: TokenClaims } | { ok: false; reason: 'missing' | 'expired' | 'invalid' }

/** The secret as a key object for verifying, made once (a copy of the bytes the caller may not change). */
export function verifyingKey(secret: Uint8Array): KeyObject {
  return createSecretKey(secret)
}

const INVALID: VerifyResult = { ok: false, reason: 'invalid' }
/** The protected header mintToken writes, as it is on the wire: every token we issue has it, so it is not decoded again. */
export const MINTED_HEADER = Buffer.from(JSON.stringify({ alg: ALG, typ: 'JWT' })).toString('base64url')
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Checks signature, expiry and the claims schema; a token failing any of them grants nothing.
 * Synchronous HMAC (node:crypto): a restart's reconnect wave verifies a token per member, and
 * WebCrypto's verify is a thread-pool job per call (~0.25 ms of the loop's time each, against a
 * few µs here). The checks are jose's jwtVerify with `algorithms: ['HS256']` and `exp` and `sub`
 * required, and stricter where our tokens never differ: no `crit` header (jose knows one extension,
 * `b64`, which a JWT may not use), and only the signature's canonical base64url.
 */
export function verifyToken(key: Uint8Array | KeyObject, token: string | null | undefined, now?: number): VerifyResult {
  if (!token) return { ok: false, reason: 'missing' }
  const parts = token.split('.')
  if (parts.length !== 3) return INVALID
  const [header, payload, signature] = parts as [string, string, string]
  if (header !== MINTED_HEADER) {
    const protectedHeader = jsonObjectOf(header)
    if (!protectedHeader || protectedHeader.alg !== ALG || 'crit' in protectedHeader) return INVALID
  }
  const expected = Buffer.from(createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url'))
  const given = Buffer.from(signature)
  if (given.byteLength !== expected.byteLength || !timingSafeEqual(given, expected)) return INVALID
  const claimsSet = jsonObjectOf(payload)
  if (!claimsSet || !Object.hasOwn(claimsSet, 'exp') || !Object.hasOwn(claimsSet, 'sub')) return INVALID
  const { iat, nbf, exp } = claimsSet
  const nowSeconds = now ?? Date.now() / 1000
  // jose compares the NumericDates with whole seconds of the current time.
  const wholeNow = Math.floor(nowSeconds)
  if ((iat !== undefined && typeof iat !== 'number') || (nbf !== undefined && typeof nbf !== 'number') || typeof exp !== 'number') return INVALID
  if (nbf !== undefined && nbf > wholeNow) return INVALID
  if (exp <= wholeNow) return { ok: false, reason: 'expired' }
  // The hand-written reader (held to tokenClaimsSchema's answers by token-claims.test.ts): zod's
  // parse was a third of a verification, and a restart's reconnect wave verifies one per member.
  const claims = checkTokenClaims(claimsSet)
  if (!claims) return INVALID
  if (claims.iat !== undefined && claims.iat > nowSeconds + MAX_CLOCK_SKEW_SECONDS) return INVALID
  return { ok: true, claims }
}

/** A base64url segment as the JSON object it encodes (strict UTF-8), or null. */
function jsonObjectOf(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(strictUtf8.decode(Buffer.from(segment, 'base64url')))
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** "45s", "30m", "1h", "7d" or a bare number of seconds. */
export function parseTtl(text: string): number | null {
  const match = /^(\d+)\s*([smhd]?)$/.exec(text.trim())
  if (!match) return null
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd']
  const seconds = Number(match[1]) * unit
  return seconds > 0 && seconds <= 366 * 86400 ? seconds : null
}
