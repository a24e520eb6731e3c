import { hash } from 'node:crypto'
import type { TokenClaims } from '../../shared/contract/token-claims'
import type { AccessStore, Revocation } from '../store/access-store'
import { verifyToken, verifyingKey, type VerifyResult } from './tokens'

export type AuthResult = VerifyResult | { ok: false; reason: 'revoked' }

/**
 * Whether a revocation covers this token. `iat` has whole seconds, so a token minted in the same
 * second as the revocation counts as issued before it (re-issue a second later).
 */
export function isRevokedBy(revokedAtMs: number, claims: TokenClaims): boolean {
  return claims.iat === undefined || claims.iat <= Math.floor(revokedAtMs / 1000)
}

export function revocationCovers(revocation: Revocation, claims: TokenClaims): boolean {
  return revocation.teamId === claims.team && revocation.userId === claims.sub && isRevokedBy(revocation.revokedAt, claims)
}

/** Verified tokens kept, so reconnect storms do not redo the HMAC, JSON and schema checks for every socket. */
const VERIFIED_CACHE_ENTRIES = 10_000

/**
 * The verified cache's key for a token: its SHA-256, a new 44-character string. The token itself
 * would do, but a token read from a URL is a slice of it, and V8 keeps the whole string a slice
 * was cut from: the cache held every upgrade's URL (~300 B) as long as its entry lived.
 */
function verifiedCacheKey(token: string): string {
  return hash('sha256', token, 'base64')
}

/** Every place that accepts a member token (sync, HTTP) checks it here: signature, expiry, revocation. */
export function createAuthenticator(secret: Uint8Array, access: AccessStore): (token: string | null | undefined) => Promise<AuthResult> {
  // Only tokens whose signature verified get in; expiry and revocation are checked on every use.
  const verified = new Map<string, TokenClaims>()
  const key = verifyingKey(secret)
  const checkSignature = (token: string | null | undefined): AuthResult => {
    const cacheKey = token ? verifiedCacheKey(token) : undefined
    const cached = cacheKey ? verified.get(cacheKey) : undefined
    if (cached) return cached.exp * 1000 > Date.now() ? { ok: true, claims: cached } : { ok: false, reason: 'expired' }
    const verdict = verifyToken(key, token)
    if (verdict.ok && cacheKey) {
      verified.set(cacheKey, verdict.claims)
      if (verified.size > VERIFIED_CACHE_ENTRIES) verified.delete(verified.keys().next().value!)
    }
    return verdict
  }
  return async (token) => {
    const verdict = checkSignature(token)
    if (!verdict.ok) return verdict
    const revokedAt = await access.revokedAt(verdict.claims.team, verdict.claims.sub)
    if (revokedAt !== null && isRevokedBy(revokedAt, verdict.claims)) return { ok: false, reason: 'revoked' }
    return verdict
  }
}
