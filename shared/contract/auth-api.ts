import { z } from 'zod'
import { INVITE_CODE_PATTERN } from './invite-code'

/** POST /api/invites/accept body: the code an admin handed out and the joiner's display name. */
export const inviteAcceptRequestSchema = z
  .object({
    code: z.string().regex(INVITE_CODE_PATTERN, 'not an invite code'),
    name: z.string().trim().min(1).max(80),
  })
  .strict()
export type InviteAcceptRequest = z.infer<typeof inviteAcceptRequestSchema>

/** What POST /api/invites/accept and POST /api/auth/refresh answer: a member token and whose it is. */
export const issuedTokenSchema = z.object({
  token: z.string().min(1),
  userId: z.string().min(1).max(64),
  teamId: z.string().min(1).max(64),
  /** Seconds since the epoch; refresh before then. */
  expiresAt: z.number().int().positive(),
})
export type IssuedToken = z.infer<typeof issuedTokenSchema>
