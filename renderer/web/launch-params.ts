import { INVITE_CODE_PATTERN } from '../../shared/contract/invite-code'
import { readTokenClaims } from '../../shared/contract/token-claims'

export interface Launch {
  serverUrl: string
  teamId: string
  token: string
}

export type LaunchResult = { ok: true; launch: Launch } | { ok: false; serverUrl: string; error: string | null }

/** An http(s) origin-and-path without a trailing slash, or null if it is not one. */
export function normaliseServerUrl(raw: string): string | null {
  try {
    const url = new URL(raw.trim())
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
    return url.href.replace(/\/+$/, '')
  } catch {
    return null
  }
}

/** Checks a server URL and token as a person typed them; the team comes from the token. */
export function checkSignIn(rawServer: string, rawToken: string, expectedTeam?: string): LaunchResult {
  const serverUrl = normaliseServerUrl(rawServer)
  if (!serverUrl) return { ok: false, serverUrl: rawServer, error: 'Enter the server address, like http://127.0.0.1:8787.' }
  const token = rawToken.trim()
  if (!token) return { ok: false, serverUrl, error: null }
  let team: string
  try {
    team = readTokenClaims(token).team
  } catch (error) {
    return { ok: false, serverUrl, error: (error as Error).message }
  }
  if (expectedTeam && expectedTeam !== team) {
    return { ok: false, serverUrl, error: 'This sign-in link mixes two teams. Ask for a fresh link or token.' }
  }
  return { ok: true, launch: { serverUrl, teamId: team, token } }
}

/** Reads `?server=URL&team=ID&token=JWT` (docs/contract.md, "Web client"). */
export function readLaunch(search: string): LaunchResult {
  const params = new URLSearchParams(search)
  const server = params.get('server') ?? ''
  const token = params.get('token') ?? ''
  if (!server && !token) return { ok: false, serverUrl: '', error: null }
  return checkSignIn(server, token, params.get('team') ?? undefined)
}

export function launchSearch(launch: Launch): string {
  return '?' + new URLSearchParams({ server: launch.serverUrl, team: launch.teamId, token: launch.token }).toString()
}

export type JoinLaunch = { ok: true; serverUrl: string; code: string } | { ok: false; serverUrl: string; error: string }

/** Reads an invite link, `?server=URL&invite=CODE` (the web form of hallway://join); null when it is not one. */
export function readJoin(search: string): JoinLaunch | null {
  const params = new URLSearchParams(search)
  const invite = params.get('invite')
  if (invite === null) return null
  const serverUrl = normaliseServerUrl(params.get('server') ?? '')
  if (!serverUrl) return { ok: false, serverUrl: '', error: 'This invite link has no valid server address. Ask a team admin for the full link.' }
  const code = invite.trim()
  if (!INVITE_CODE_PATTERN.test(code)) return { ok: false, serverUrl, error: 'This invite link is damaged: its code is incomplete. Copy the whole link, or ask a team admin for a new one.' }
  return { ok: true, serverUrl, code }
}
