import { ID_PATTERN } from '../model/schema'

/** Names of synced documents: `team/<teamId>` and `team/<teamId>/room/<roomId>/chat`. */
export function isValidId(id: string): boolean {
  return ID_PATTERN.test(id)
}

export function teamDocName(teamId: string): string {
  return `team/${teamId}`
}

export function chatDocName(teamId: string, roomId: string): string {
  return `team/${teamId}/room/${roomId}/chat`
}

export type ParsedDocName =
  | { kind: 'team'; teamId: string }
  | { kind: 'chat'; teamId: string; roomId: string }

export function parseDocName(name: string): ParsedDocName | null {
  const parts = name.split('/')
  if (parts.length === 2 && parts[0] === 'team' && isValidId(parts[1]!)) {
    return { kind: 'team', teamId: parts[1]! }
  }
  if (
    parts.length === 5 &&
    parts[0] === 'team' &&
    parts[2] === 'room' &&
    parts[4] === 'chat' &&
    isValidId(parts[1]!) &&
    isValidId(parts[3]!)
  ) {
    return { kind: 'chat', teamId: parts[1]!, roomId: parts[3]! }
  }
  return null
}
