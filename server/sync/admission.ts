import { CloseCode } from '../../shared/contract/close-codes'
import { parseDocName, teamDocName, type ParsedDocName } from '../../shared/contract/doc-names'
import type { TokenClaims } from '../../shared/contract/token-claims'
import type { AuthResult } from '../auth/authenticator'
import type { DocRegistry } from './doc-registry'

export const SYNC_PATH_PREFIX = '/sync/'

export type Admission =
  | { ok: true; claims: TokenClaims; docName: string; doc: ParsedDocName }
  /** `label` is the short reason counted in /metrics; `reason` goes in the close frame. */
  | { ok: false; code: number; reason: string; label: string }

export interface AdmissionDeps {
  verify(token: string | null): Promise<AuthResult>
  /** Whether the store has this team (see KnownTeams). */
  teamExists(teamId: string): Promise<boolean>
  /** Whether the team document has this room now. */
  roomExists(teamId: string, roomId: string): Promise<boolean>
}

/**
 * Decides whether a sync request may open its document: token (and revocation) first, then team
 * membership, then for a discussion its room: else any member could create documents without limit.
 */
export async function admit(request: { pathname: string; token: string | null }, deps: AdmissionDeps): Promise<Admission> {
  const { verify } = deps
  const verdict = await verify(request.token)
  if (!verdict.ok) return { ok: false, code: CloseCode.badToken, reason: `token ${verdict.reason}`, label: `token-${verdict.reason}` }
  const claims = verdict.claims
  const docName = request.pathname.slice(SYNC_PATH_PREFIX.length)
  const doc = parseDocName(docName)
  if (!doc) return { ok: false, code: CloseCode.forbidden, reason: 'unknown document', label: 'unknown-document' }
  if (doc.teamId !== claims.team) return { ok: false, code: CloseCode.forbidden, reason: 'token is for another team', label: 'other-team' }
  if (!(await deps.teamExists(doc.teamId))) return { ok: false, code: CloseCode.forbidden, reason: 'unknown team', label: 'unknown-team' }
  if (doc.kind === 'chat' && !(await deps.roomExists(doc.teamId, doc.roomId))) {
    return { ok: false, code: CloseCode.forbidden, reason: 'unknown room', label: 'unknown-room' }
  }
  return { ok: true, claims, docName, doc }
}

/** Reads the live team document (loading it if no one is connected). */
export async function teamHasRoom(registry: DocRegistry, teamId: string, roomId: string): Promise<boolean> {
  const team = await registry.acquire(teamDocName(teamId))
  try {
    return team.hasRoom(roomId)
  } finally {
    registry.release(team)
  }
}
