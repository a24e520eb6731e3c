import { webcrypto } from 'node:crypto'
import { SignJWT, errors, jwtVerify } from 'jose'
import { tokenClaimsSchema, type Role, type TokenClaims } from '../../shared/contract/token-claims'

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

/**
 * The secret as a WebCrypto HMAC key for verifying only. Given raw bytes, jose imports the key
 * again for every token; a server admitting a reconnect wave verifies one token per socket.
 */
export function verificationKey(secret: Uint8Array): Promise<CryptoKey> {
  return webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])
}

/** Checks signature, expiry and the claims schema; a token failing any of them grants nothing. */
export async function verifyToken(secret: Uint8Array | CryptoKey, token: string | null | undefined, now?: number): Promise<VerifyResult> {
  if (!token) return { ok: false, reason: 'missing' }
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: [ALG],
      requiredClaims: ['exp', 'sub'],
      ...(now !== undefined ? { currentDate: new Date(now * 1000) } : {}),
    })
    const claims = tokenClaimsSchema.safeParse(payload)
    if (!claims.success) return { ok: false, reason: 'invalid' }
    const nowSeconds = now ?? Date.now() / 1000
    if (claims.data.iat !== undefined && claims.data.iat > nowSeconds + MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: 'invalid' }
    return { ok: true, claims: claims.data }
  } catch (error) {
    return { ok: false, reason: error instanceof errors.JWTExpired ? 'expired' : 'invalid' }
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
