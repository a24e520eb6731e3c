// POST /api/livekit/token (CONTRACT.md, "Network"): a member token in, a LiveKit call token out.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import { isValidId } from '../../shared/contract/doc-names'
import type { TokenClaims } from '../../shared/contract/token-claims'
import { CallAccessDenied, mintCallToken, type LivekitCredentials, type OfficeRoom } from './call-access'

export const LIVEKIT_TOKEN_PATH = '/api/livekit/token'

const MAX_BODY_BYTES = 4096

const id = z.string().refine(isValidId, 'must be 1–64 of A-Z a-z 0-9 _ -')
export const callTokenRequestSchema = z.object({ teamId: id, roomId: id }).strict()

export interface LivekitTokenHandlerDeps {
  /** The server's member-token check (server/auth/tokens.ts `verifyToken` with its secret bound). */
  verifyToken(token: string): Promise<{ ok: true; claims: TokenClaims } | { ok: false }>
  /** The room as the team document has it now, or null when the team has no such room. */
  findRoom(teamId: string, roomId: string): OfficeRoom | Promise<OfficeRoom>
  /** Null when no LiveKit server is configured: calls are unavailable, presence works on. */
  livekit: LivekitCredentials | null
  /** Told about unexpected failures, which are answered with 500. */
  onError?(error: unknown): void
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code)
  }
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw new HttpFailure(413, 'body-too-large')
    chunks.push(chunk)
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new HttpFailure(400, 'body-not-json')
  }
}

function bearerToken(req: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')
  return match ? match[1]! : null
}

function send(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers })
  res.end(JSON.stringify(body))
}

/** Handles one request to LIVEKIT_TOKEN_PATH (the caller routes by path); never rejects. */
export function createLivekitTokenHandler(deps: LivekitTokenHandlerDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const respond = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') throw new HttpFailure(405, 'method-not-allowed')
    const bearer = bearerToken(req)
    if (!bearer) throw new HttpFailure(401, 'missing-token')
    const verified = await deps.verifyToken(bearer)
    if (!verified.ok) throw new HttpFailure(401, 'invalid-token')
    const body = callTokenRequestSchema.safeParse(await readJsonBody(req))
    if (!body.success) throw new HttpFailure(400, 'invalid-body')
    if (!deps.livekit) throw new HttpFailure(503, 'calls-unavailable')
    const room = await deps.findRoom(body.data.teamId, body.data.roomId)
    send(res, 200, await mintCallToken(verified.claims, body.data, room, deps.livekit))
  }
  return async (req, res) => {
    try {
      await respond(req, res)
    } catch (error) {
      if (error instanceof CallAccessDenied) return send(res, 403, { error: error.reason })
      if (error instanceof HttpFailure) {
        return send(res, error.status, { error: error.code }, error.status === 405 ? { Allow: 'POST' } : {})
      }
      deps.onError?.(error)
      if (!res.headersSent) send(res, 500, { error: 'internal' })
      else res.destroy()
    }
  }
}
