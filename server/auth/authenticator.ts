import type { TokenClaims } from '../../shared/contract/token-claims'
import type { AccessStore, Revocation } from '../store/access-store'
import { verificationKey, verifyToken, type VerifyResult } from './tokens'

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

/** Verified signatures kept, so reconnect storms do not redo the (WebCrypto) HMAC for every socket. */
const VERIFIED_CACHE_ENTRIES = 10_000

/** Every place that accepts a member token (sync, HTTP) checks it here: signature, expiry, revocation. */
export function createAuthenticator(secret: Uint8Array, access: AccessStore): (token: string | null | undefined) => Promise<AuthResult> {
  // Only tokens whose signature verified get in; expiry and revocation are checked on every use.
  const verified = new Map<string, TokenClaims>()
  const key = verificationKey(secret)
  const checkSignature = async (token: string | null | undefined): Promise<AuthResult> => {
    const cached = token ? verified.get(token) : undefined
    if (cached) return cached.exp * 1000 > Date.now() ? { ok: true, claims: cached } : { ok: false, reason: 'expired' }
    const verdict = await verifyToken(await key, token)
    if (verdict.ok && token) {
      verified.set(token, verdict.claims)
      if (verified.size > VERIFIED_CACHE_ENTRIES) verified.delete(verified.keys().next().value!)
    }
    return verdict
  }
  return async (token) => {
    const verdict = await checkSignature(token)
    if (!verdict.ok) return verdict
    const revokedAt = await access.revokedAt(verdict.claims.team, verdict.claims.sub)
    if (revokedAt !== null && isRevokedBy(revokedAt, verdict.claims)) return { ok: false, reason: 'revoked' }
    return verdict
  }
}
