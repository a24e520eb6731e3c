import { CloseCode } from '../../shared/contract/close-codes'
import { parseDocName, type ParsedDocName } from '../../shared/contract/doc-names'
import type { TokenClaims } from '../../shared/contract/token-claims'
import type { AuthResult } from '../auth/authenticator'
import type { TeamStore } from '../store/doc-store'

export const SYNC_PATH_PREFIX = '/sync/'

export type Admission =
  | { ok: true; claims: TokenClaims; docName: string; doc: ParsedDocName }
  /** `label` is the short reason counted in /metrics; `reason` goes in the close frame. */
  | { ok: false; code: number; reason: string; label: string }

/** Decides whether a sync request may open its document: token (and revocation) first, then team membership. */
export async function admit(
  request: { pathname: string; token: string | null },
  verify: (token: string | null) => Promise<AuthResult>,
  teams: TeamStore,
): Promise<Admission> {
  const verdict = await verify(request.token)
  if (!verdict.ok) return { ok: false, code: CloseCode.badToken, reason: `token ${verdict.reason}`, label: `token-${verdict.reason}` }
  const claims = verdict.claims
  const docName = request.pathname.slice(SYNC_PATH_PREFIX.length)
  const doc = parseDocName(docName)
  if (!doc) return { ok: false, code: CloseCode.forbidden, reason: 'unknown document', label: 'unknown-document' }
  if (doc.teamId !== claims.team) return { ok: false, code: CloseCode.forbidden, reason: 'token is for another team', label: 'other-team' }
  if (!(await teams.getTeam(doc.teamId))) return { ok: false, code: CloseCode.forbidden, reason: 'unknown team', label: 'unknown-team' }
  return { ok: true, claims, docName, doc }
}
