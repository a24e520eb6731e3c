// POST /api/invites/accept from the join form: an invite code and a name in, a member token out,
// or a sentence saying what went wrong and what to do next.
import type { IssuedToken } from '../../shared/contract/auth-api'

const ASK_AGAIN = 'Ask a team admin for a new invite link.'

export async function acceptInvite(serverUrl: string, code: string, name: string, fetchImpl: typeof fetch = fetch): Promise<IssuedToken> {
  let response: Response
  try {
    response = await fetchImpl(new URL('/api/invites/accept', serverUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code, name }),
    })
  } catch {
    throw new Error(`Hallway could not reach the server at ${serverUrl}. Check your connection and try again.`)
  }
  const body: unknown = await response.json().catch(() => null)
  if (response.ok) {
    // Loaded on a join, not with the page: its zod schema stays out of the first frame.
    const { issuedTokenSchema } = await import('../../shared/contract/auth-api')
    const issued = issuedTokenSchema.safeParse(body)
    if (issued.success) return issued.data
    throw new Error('The server answered oddly. Try again later.')
  }
  switch (response.status) {
    case 410:
      throw new Error(`This invite link has expired. ${ASK_AGAIN}`)
    case 404:
      throw new Error(`This invite link is not valid: it may be mistyped, or its team no longer exists. ${ASK_AGAIN}`)
    case 400:
      throw new Error('Enter your name (up to 80 characters).')
    default:
      throw new Error(`Joining failed (server error ${response.status}). Try again in a moment.`)
  }
}
