import { z } from 'zod'
import { roleSchema } from '../model/schema'

export { roleSchema, type Role } from '../model/schema'

/** Claims of a member token (HS256 JWT minted by the server). */
export const tokenClaimsSchema = z.object({
  sub: z.string().min(1).max(64),
  team: z.string().min(1).max(64),
  role: roleSchema,
  name: z.string().min(1).max(80),
  exp: z.number().int().positive(),
  iat: z.number().int().positive().optional(),
})
export type TokenClaims = z.infer<typeof tokenClaimsSchema>

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
  const parsed = tokenClaimsSchema.safeParse(payload)
  if (!parsed.success) throw new Error('This sign-in token is missing Hallway claims. Ask for a new one.')
  return parsed.data
}
