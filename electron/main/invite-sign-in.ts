import { inviteAcceptRequestSchema, issuedTokenSchema } from '../../shared/contract/auth-api'
import type { DeepLink } from '../../shared/contract/deep-link'
import { readTokenClaims } from '../../shared/contract/token-claims'
import { saveSignIn } from '../common/token-file'
import { SIGN_IN_FORM_ACTION, SIGN_IN_NAME_FIELD } from './setup-page'

export type Invite = Extract<DeepLink, { kind: 'join' }>

/** The name the invitation page's form submitted, or null when `url` is not that form's. */
export function submittedName(url: string): string | null {
  if (!URL.canParse(url)) return null
  const parsed = new URL(url)
  if (`${parsed.protocol}//${parsed.host}${parsed.pathname}` !== SIGN_IN_FORM_ACTION) return null
  return parsed.searchParams.get(SIGN_IN_NAME_FIELD) ?? ''
}

const REFUSALS: Record<string, string> = {
  'invite-expired': 'This invitation has expired. Ask your team admin for a new link.',
  'invite-not-found': 'This invitation is not known to the server (mistyped, or withdrawn). Ask your team admin for a new link.',
}

/**
 * Accepts the invite with the chosen name (POST /api/invites/accept) and stores the member token
 * and server in `dataDir` (the token file), never on a command line. Returns why it failed, or null.
 */
export async function signInByInvite(
  invite: Invite,
  name: string,
  dataDir: string,
): Promise<string | null> {
  const body = inviteAcceptRequestSchema.safeParse({ code: invite.inviteCode, name })
  if (!body.success) return 'Choose a name of 1 to 80 characters.'
  let response: Response
  try {
    response = await fetch(`${invite.serverUrl.replace(/\/+$/, '')}/api/invites/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body.data),
      redirect: 'error',
    })
  } catch {
    return `Hallway could not reach ${invite.serverUrl}. Check your connection and try again.`
  }
  const answer: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const reason = typeof answer === 'object' && answer !== null && 'error' in answer ? String(answer.error) : ''
    return REFUSALS[reason] ?? `The server refused the invitation (${response.status}). Try again, or ask your team admin.`
  }
  const issued = issuedTokenSchema.safeParse(answer)
  if (!issued.success) return 'The server answered with something that is not a sign-in. Is this a Hallway server?'
  try {
    const claims = readTokenClaims(issued.data.token)
    if (claims.team !== issued.data.teamId || claims.sub !== issued.data.userId) throw new Error('mismatch')
  } catch {
    return 'The server answered with something that is not a sign-in. Is this a Hallway server?'
  }
  saveSignIn(dataDir, { serverUrl: invite.serverUrl, token: issued.data.token })
  return null
}
