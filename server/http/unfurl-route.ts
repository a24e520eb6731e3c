// GET /api/unfurl?url=U: a link preview, fetched by the isolated unfurl service.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import type { UnfurlResponse } from '../../shared/contract/unfurl-api'
import type { AuthResult } from '../auth/authenticator'
import { UnfurlFailure } from '../unfurl/unfurl-target'
import type { UnfurlService } from '../unfurl/unfurl-service'
import { HttpFailure, jsonRoute, requireBearer, sendJson } from './json-api'

export const UNFURL_PATH = '/api/unfurl'

const querySchema = z.object({ url: z.string().min(1).max(2048) })

export function createUnfurlRoute(deps: {
  service: UnfurlService
  verify(token: string): Promise<AuthResult>
  onError?(error: unknown): void
}): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return jsonRoute(
    'GET',
    async (req, res) => {
      const claims = await requireBearer(req, deps.verify)
      // Previews are for messages, which read-only guests cannot post.
      if (claims.role === 'guest') throw new HttpFailure(403, 'read-only')
      const query = querySchema.safeParse(Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams))
      if (!query.success) throw new HttpFailure(400, 'bad-url', { detail: 'give the link as ?url=' })
      try {
        const preview: UnfurlResponse = await deps.service.unfurl(query.data.url)
        sendJson(res, 200, preview)
      } catch (error) {
        if (error instanceof UnfurlFailure) throw new HttpFailure(error.status, error.code, { detail: error.detail })
        throw error
      }
    },
    deps.onError,
  )
}
