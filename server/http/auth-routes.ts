// POST /api/auth/refresh and POST /api/invites/accept: the two ways to get a member token over HTTP.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { inviteAcceptRequestSchema } from '../../shared/contract/auth-api'
import type { AuthResult } from '../auth/authenticator'
import { InviteRefused, acceptInvite, type InviteDeps } from '../auth/invites'
import { mintToken } from '../auth/tokens'
import { HttpFailure, jsonRoute, readJsonBody, requireBearer, sendJson } from './json-api'

export const AUTH_REFRESH_PATH = '/api/auth/refresh'
export const INVITE_ACCEPT_PATH = '/api/invites/accept'

const MAX_BODY_BYTES = 4096

type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void>

/** A valid, unexpired, unrevoked token in; the same member with a fresh lifetime out. */
export function createRefreshRoute(deps: InviteDeps & { verify(token: string): Promise<AuthResult>; onError?(error: unknown): void }): Route {
  return jsonRoute(
    'POST',
    async (req, res) => {
      const claims = await requireBearer(req, deps.verify)
      if (!(await deps.teams.getTeam(claims.team))) throw new HttpFailure(401, 'unknown-team')
      const iat = Math.floor(Date.now() / 1000)
      const token = await mintToken(deps.secret, {
        userId: claims.sub,
        teamId: claims.team,
        name: claims.name,
        role: claims.role,
        ttlSeconds: deps.tokenTtlSeconds,
        now: iat,
      })
      sendJson(res, 200, { token, userId: claims.sub, teamId: claims.team, expiresAt: iat + deps.tokenTtlSeconds })
    },
    deps.onError,
  )
}

export function createInviteAcceptRoute(deps: InviteDeps & { bodyTimeoutMs: number; onError?(error: unknown): void }): Route {
  return jsonRoute(
    'POST',
    async (req, res) => {
      const body = inviteAcceptRequestSchema.safeParse(await readJsonBody(req, { maxBytes: MAX_BODY_BYTES, timeoutMs: deps.bodyTimeoutMs }))
      if (!body.success) throw new HttpFailure(400, 'invalid-body')
      try {
        sendJson(res, 200, await acceptInvite(deps, body.data.code, body.data.name))
      } catch (error) {
        if (error instanceof InviteRefused) throw new HttpFailure(error.reason === 'invite-expired' ? 410 : 404, error.reason)
        throw error
      }
    },
    deps.onError,
  )
}
