// Helpers shared by the JSON side services under /api (LiveKit tokens, auth, invites, unfurl).
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { TokenClaims } from '../../shared/contract/token-claims'
import type { AuthResult } from '../auth/authenticator'

/** A request that gets a 4xx/5xx with `{ error: code }` (and `detail`, a sentence, when given). */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly extra: { detail?: string; headers?: Record<string, string> } = {},
  ) {
    super(code)
  }
}

export function sendJson(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers })
  res.end(JSON.stringify(body))
}

/** How much of a request body a route reads, and for how long. */
export interface BodyLimits {
  maxBytes: number
  /** A body that has not all arrived this long after the route began reading it: 408, connection closed. */
  timeoutMs: number
}

/** Reads a JSON body within its limits (413 past the size, 408 past the time, 400 if it does not parse). */
export async function readJsonBody(req: IncomingMessage, limits: BodyLimits): Promise<unknown> {
  const body = await readBody(req, limits)
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    throw new HttpFailure(400, 'body-not-json')
  }
}

/** Reads a body's bytes within its limits (413 past the size, 408 past the time). */
export async function readBody(req: IncomingMessage, limits: BodyLimits): Promise<Buffer> {
  let timer: ReturnType<typeof setTimeout> | undefined
  // A client that sends half a body would otherwise hold this request (and its socket) open.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HttpFailure(408, 'body-timeout', { headers: { Connection: 'close' } })), limits.timeoutMs)
  })
  try {
    return await Promise.race([readBytes(req, limits.maxBytes), deadline])
  } finally {
    clearTimeout(timer)
  }
}

async function readBytes(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBytes) throw new HttpFailure(413, 'body-too-large')
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

export function bearerToken(req: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')
  return match ? match[1]! : null
}

/** The caller's verified claims, or a 401 that says why (missing, expired, invalid, revoked). */
export async function requireBearer(req: IncomingMessage, verify: (token: string) => Promise<AuthResult>): Promise<TokenClaims> {
  const bearer = bearerToken(req)
  if (!bearer) throw new HttpFailure(401, 'missing-token')
  const verified = await verify(bearer)
  if (!verified.ok) throw new HttpFailure(401, verified.reason === 'invalid' ? 'invalid-token' : `token-${verified.reason}`)
  return verified.claims
}

/**
 * Wraps a JSON route: other methods get 405, an HttpFailure its status and `{ error }`, anything
 * else 500 (reported to onError). Never rejects.
 */
export function jsonRoute(
  method: 'GET' | 'POST',
  respond: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  onError?: (error: unknown) => void,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    try {
      if (req.method !== method) throw new HttpFailure(405, 'method-not-allowed', { headers: { Allow: method } })
      await respond(req, res)
    } catch (error) {
      if (error instanceof HttpFailure) {
        const { detail, headers } = error.extra
        return sendJson(res, error.status, detail ? { error: error.code, detail } : { error: error.code }, headers)
      }
      onError?.(error)
      if (!res.headersSent) sendJson(res, 500, { error: 'internal' })
      else res.destroy()
    }
  }
}
