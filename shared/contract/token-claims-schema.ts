import { z } from 'zod'
import { roleSchema } from '../model/value-schemas'
import type { TokenClaims } from './token-claims'

/** Claims of a member token, as the server checks them when it mints and verifies one. */
export const tokenClaimsSchema: z.ZodType<TokenClaims> = z.object({
  sub: z.string().min(1).max(64),
  team: z.string().min(1).max(64),
  role: roleSchema,
  name: z.string().min(1).max(80),
  exp: z.number().int().positive(),
  iat: z.number().int().positive().optional(),
})
