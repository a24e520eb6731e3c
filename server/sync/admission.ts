import { CloseCode } from '../../shared/contract/close-codes'
import { parseDocName, type ParsedDocName } from '../../shared/contract/doc-names'
import type { TokenClaims } from '../../shared/contract/token-claims'
import { verifyToken } from '../auth/tokens'
import type { TeamStore } from '../store/doc-store'

export const SYNC_PATH_PREFIX = '/sync/'

export type Admission =
  | { ok: true; claims: TokenClaims; docName: string; doc: ParsedDocName }
  | { ok: false; code: number; reason: string }

/** Decides whether a sync request may open its document: token first, then team membership. */
export async function admit(
  request: { pathname: string; token: string | null },
  secret: Uint8Array,
  teams: TeamStore,
): Promise<Admission> {
  const verdict = await verifyToken(secret, request.token)
  if (!verdict.ok) return { ok: false, code: CloseCode.badToken, reason: `token ${verdict.reason}` }
  const claims = verdict.claims
  const docName = request.pathname.slice(SYNC_PATH_PREFIX.length)
  const doc = parseDocName(docName)
  if (!doc) return { ok: false, code: CloseCode.forbidden, reason: 'unknown document' }
  if (doc.teamId !== claims.team) return { ok: false, code: CloseCode.forbidden, reason: 'token is for another team' }
  if (!(await teams.getTeam(doc.teamId))) return { ok: false, code: CloseCode.forbidden, reason: 'unknown team' }
  return { ok: true, claims, docName, doc }
}
