import { ROLES, type Role } from '../model/schema'
import { FAIL, integer, object, oneOf, optional, text } from './value-checks'

export type { Role } from '../model/schema'

/** Claims of a member token (HS256 JWT minted by the server); token-claims-schema.ts is the same as a zod schema. */
export type TokenClaims = {
  sub: string
  team: string
  role: Role
  name: string
  exp: number
  iat?: number | undefined
}

// By hand, not zod: the page reads its token before its first frame. token-claims.test.ts holds this to
// tokenClaimsSchema's answers.
const checkClaims = object<TokenClaims>({
  sub: text(1, 64),
  team: text(1, 64),
  role: oneOf(...ROLES),
  name: text(1, 80),
  exp: integer(1),
  iat: optional(integer(1)),
})

/** What tokenClaimsSchema.safeParse(value) gives on success (unknown keys dropped), or null. */
export function checkTokenClaims(value: unknown): TokenClaims | null {
  const claims = checkClaims(value)
  return claims === FAIL ? null : claims
}

function base64UrlDecode(segment: string): string {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/')
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4)
  const binary = atob(padded)
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0))
  return new TextDecoder().decode(bytes)
}

/**
 * Reads a token's claims WITHOUT checking its signature: clients use it to know who they are;
 * only the server's verification grants anything.
 */
export function readTokenClaims(token: string): TokenClaims {
  const parts = token.split('.')
  if (parts.length !== 3) throw new Error('This is not a Hallway sign-in token (expected a JWT).')
  let payload: unknown
  try {
    payload = JSON.parse(base64UrlDecode(parts[1]!))
  } catch {
    throw new Error('This sign-in token is damaged. Ask for a new one.')
  }
  const claims = checkTokenClaims(payload)
  if (!claims) throw new Error('This sign-in token is missing Hallway claims. Ask for a new one.')
  return claims
}
