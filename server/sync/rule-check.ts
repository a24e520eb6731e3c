import type * as Y from 'yjs'
import { parseDocName } from '../../shared/contract/doc-names'
import { TeamDoc } from '../../shared/model/team-doc'
import { checkDiscussionWrite, checkTeamWrite, type RuleVerdict, type TeamRuleContext, type Writer } from '../../shared/model/write-rules'
import type { DecodedUpdate } from './protocol'
import { UpdatePaths } from './update-paths'

export type DocRules = 'team' | 'discussion'

export function rulesFor(docName: string): DocRules {
  return parseDocName(docName)?.kind === 'chat' ? 'discussion' : 'team'
}

export interface Presence {
  /** Whether any connected client's presence is in the room now. */
  roomOccupied(roomId: string): boolean
}

/**
 * Checks every write an update would make against the write rules, before it is applied. Throws
 * MalformedMessage for an update Yjs could not apply as it reads (see UpdatePaths).
 */
export function checkUpdate(doc: Y.Doc, rules: DocRules, decoded: DecodedUpdate, writer: Writer, presence: Presence): RuleVerdict {
  const paths = new UpdatePaths(doc, decoded)
  let verdict: RuleVerdict | undefined
  if (rules === 'team') {
    const team = new TeamDoc(doc)
    const context: TeamRuleContext = {
      membersManageRooms: team.membersManageRooms(),
      roomOccupied: (roomId) => presence.roomOccupied(roomId),
      roomExists: (roomId) => team.room(roomId) !== null,
    }
    verdict = paths.forEach(({ op }) => refused(checkTeamWrite(op, writer, context)))
  } else {
    verdict = paths.forEach(({ op, messageAuthor }) => refused(checkDiscussionWrite(op, writer, messageAuthor === null ? null : { author: messageAuthor })))
  }
  return verdict ?? { ok: true }
}

function refused(verdict: RuleVerdict): RuleVerdict | undefined {
  return verdict.ok ? undefined : verdict
}

/** WebSocket close reasons hold at most 123 bytes of UTF-8. */
const MAX_CLOSE_REASON_BYTES = 123

export function closeReason(verdict: Extract<RuleVerdict, { ok: false }>): string {
  let reason = `${verdict.path}: ${verdict.reason}`
  const encoder = new TextEncoder()
  while (encoder.encode(reason).byteLength > MAX_CLOSE_REASON_BYTES) reason = reason.slice(0, -1)
  return reason
}
