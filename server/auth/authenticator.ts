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
 * The verified cache's key for a token that verified: a copy of it in a string of its own. A token
 * read from a URL is a slice of it, and V8 keeps the whole string a slice was cut from, so the
 * token itself as the key held every upgrade's URL (~300 B) as long as its entry lived. A verified
 * token is one we minted, all base64url and dots, so one byte a character copies it exactly. It
 * was its SHA-256 before: a hash per lookup, ~3 % of a restart's admission (empty cache, every
 * token new), where a lookup by the token itself costs nothing to build.
 */
function ownCopy(token: string): string {
  return Buffer.from(token, 'latin1').toString('latin1')
}

/** Every place that accepts a member token (sync, HTTP) checks it here: signature, expiry, revocation. */
export function createAuthenticator(secret: Uint8Array, access: AccessStore): (token: string | null | undefined) => Promise<AuthResult> {
  // Only tokens whose signature verified get in; expiry and revocation are checked on every use.
  const verified = new Map<string, TokenClaims>()
  const key = verifyingKey(secret)
  const checkSignature = (token: string | null | undefined): AuthResult => {
    // Looked up by the token as given (a lookup keeps nothing); only a verified one is stored, as its own copy.
    const cached = token ? verified.get(token) : undefined
    if (cached) return cached.exp * 1000 > Date.now() ? { ok: true, claims: cached } : { ok: false, reason: 'expired' }
    const verdict = verifyToken(key, token)
    if (!verdict.ok || !token) return verdict
    // Only a token the copy keeps exactly (one we minted always is) is cached.
    const copy = ownCopy(token)
    if (copy === token) {
      verified.set(copy, verdict.claims)
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
