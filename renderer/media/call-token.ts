// POST /api/livekit/token (server/livekit/token-handler.ts) from a view: the member token in, a
// LiveKit URL and call token out, or why not, in words the call bar can show.
import { z } from 'zod'
import type { CallTokenAnswer } from './office-call'

const grantedSchema = z.object({ url: z.string().regex(/^wss?:\/\//), token: z.string().min(1) })
const refusedSchema = z.object({ error: z.string() })

const refusals: Record<string, string> = {
  'door-locked': 'The door is locked.',
  'unknown-room': 'This room no longer exists.',
  'wrong-team': 'This sign-in belongs to another team.',
}

export async function fetchCallToken(
  serverUrl: string,
  memberToken: string,
  request: { teamId: string; roomId: string },
  fetchImpl: typeof fetch = fetch,
): Promise<CallTokenAnswer> {
  let response: Response
  try {
    response = await fetchImpl(new URL('/api/livekit/token', serverUrl), {
      method: 'POST',
      headers: { Authorization: `Bearer ${memberToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    })
  } catch {
    return { ok: false, unavailable: false, message: 'Could not reach the server for the call.' }
  }
  const body: unknown = await response.json().catch(() => null)
  if (response.ok) {
    const granted = grantedSchema.safeParse(body)
    return granted.success ? { ok: true, ...granted.data } : { ok: false, unavailable: false, message: 'The server answered the call request oddly.' }
  }
  const code = refusedSchema.safeParse(body).data?.error ?? ''
  if (response.status === 503 && code === 'calls-unavailable') return { ok: false, unavailable: true, message: 'Calls are unavailable on this server.' }
  if (response.status === 401) return { ok: false, unavailable: false, message: 'Your sign-in expired: sign in again to join calls.' }
  return { ok: false, unavailable: false, message: refusals[code] ?? `The call could not start (${response.status}).` }
}
