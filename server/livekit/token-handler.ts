// POST /api/livekit/token (docs/contract.md, "Network"): a member token in, a LiveKit call token out.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import { isValidId } from '../../shared/contract/doc-names'
import type { AuthResult } from '../auth/authenticator'
import { HttpFailure, jsonRoute, readJsonBody, requireBearer, sendJson } from '../http/json-api'
import { CallAccessDenied, mintCallToken, type LivekitCredentials, type OfficeRoom } from './call-access'

export const LIVEKIT_TOKEN_PATH = '/api/livekit/token'

const MAX_BODY_BYTES = 4096

const id = z.string().refine(isValidId, 'must be 1–64 of A-Z a-z 0-9 _ -')
export const callTokenRequestSchema = z.object({ teamId: id, roomId: id }).strict()

export interface LivekitTokenHandlerDeps {
  /** The server's member-token check (signature, expiry, revocation). */
  verifyToken(token: string): Promise<AuthResult>
  /** The room as the team document has it now, or null when the team has no such room. */
  findRoom(teamId: string, roomId: string): OfficeRoom | Promise<OfficeRoom>
  /** Null when no LiveKit server is configured: calls are unavailable, presence works on. */
  livekit: LivekitCredentials | null
  /** Told about unexpected failures, which are answered with 500. */
  onError?(error: unknown): void
  /** A request body not all arrived this long after it began to be read: 408. */
  bodyTimeoutMs: number
}

/** Handles one request to LIVEKIT_TOKEN_PATH (the caller routes by path); never rejects. */
export function createLivekitTokenHandler(deps: LivekitTokenHandlerDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return jsonRoute(
    'POST',
    async (req, res) => {
      const claims = await requireBearer(req, deps.verifyToken)
      const body = callTokenRequestSchema.safeParse(await readJsonBody(req, { maxBytes: MAX_BODY_BYTES, timeoutMs: deps.bodyTimeoutMs }))
      if (!body.success) throw new HttpFailure(400, 'invalid-body')
      if (!deps.livekit) throw new HttpFailure(503, 'calls-unavailable')
      // Before findRoom: another team's document is never even loaded for this token.
      if (body.data.teamId !== claims.team) throw new HttpFailure(403, 'wrong-team')
      const room = await deps.findRoom(body.data.teamId, body.data.roomId)
      try {
        sendJson(res, 200, await mintCallToken(claims, body.data, room, deps.livekit))
      } catch (error) {
        if (error instanceof CallAccessDenied) throw new HttpFailure(403, error.reason)
        throw error
      }
    },
    deps.onError,
  )
}
