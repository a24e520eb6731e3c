import { createHash, randomBytes } from 'node:crypto'
import type { IssuedToken } from '../../shared/contract/auth-api'
import type { Role } from '../../shared/contract/token-claims'
import type { AccessStore } from '../store/access-store'
import type { TeamStore } from '../store/doc-store'
import { mintToken } from './tokens'

/** 18 random bytes: 24 URL-safe characters, far beyond guessing. */
const CODE_BYTES = 18

export function hashInviteCode(code: string): string {
  return createHash('sha256').update(code).digest('hex')
}

export async function createInvite(
  access: AccessStore,
  request: { teamId: string; role: Role; ttlSeconds: number; now?: number },
): Promise<{ code: string; expiresAt: number }> {
  const code = randomBytes(CODE_BYTES).toString('base64url')
  const createdAt = request.now ?? Date.now()
  const expiresAt = createdAt + request.ttlSeconds * 1000
  await access.createInvite(hashInviteCode(code), { teamId: request.teamId, role: request.role, createdAt, expiresAt })
  return { code, expiresAt }
}

export class InviteRefused extends Error {
  constructor(readonly reason: 'invite-not-found' | 'invite-expired') {
    super(reason)
  }
}

export interface InviteDeps {
  access: AccessStore
  teams: TeamStore
  secret: Uint8Array
  tokenTtlSeconds: number
}

/** Joins a team with an invite: a new member (new user id) with the invite's role. */
export async function acceptInvite(deps: InviteDeps, code: string, name: string, now = Date.now()): Promise<IssuedToken> {
  const invite = await deps.access.findInvite(hashInviteCode(code))
  if (!invite || !(await deps.teams.getTeam(invite.teamId))) throw new InviteRefused('invite-not-found')
  if (invite.expiresAt <= now) throw new InviteRefused('invite-expired')
  const userId = 'u' + randomBytes(8).toString('hex')
  const iat = Math.floor(now / 1000)
  const token = await mintToken(deps.secret, { userId, teamId: invite.teamId, name, role: invite.role, ttlSeconds: deps.tokenTtlSeconds, now: iat })
  return { token, userId, teamId: invite.teamId, expiresAt: iat + deps.tokenTtlSeconds }
}
