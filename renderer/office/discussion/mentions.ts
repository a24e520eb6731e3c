// `@Name` in the composer: which members a query suggests, and which members a message mentions
// (resolved to ids as it is sent, so a later rename changes nothing).
import type { MemberView } from '../../../shared/contract/view'
import { Limits } from '../../../shared/model/limits'

/** Suggestions shown at once: enough to pick from, few enough to read. */
export const MAX_SUGGESTIONS = 6

/** The `@query` the caret is in: an `@` at the start or after a space, then no space up to the caret. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret)
  const match = /(^|\s)@([^\s@]{0,40})$/u.exec(before)
  if (!match) return null
  return { start: before.length - match[2]!.length - 1, query: match[2]! }
}

/** Members whose name starts with the query first, then those with a word starting with it; never me. */
export function mentionSuggestions(members: readonly MemberView[], query: string, myId: string): MemberView[] {
  const q = query.toLocaleLowerCase()
  const starts: MemberView[] = []
  const words: MemberView[] = []
  for (const member of members) {
    if (member.id === myId || !member.name) continue
    const name = member.name.toLocaleLowerCase()
    if (name.startsWith(q)) starts.push(member)
    else if (name.split(/\s+/).some((word) => word.startsWith(q))) words.push(member)
  }
  const byName = (a: MemberView, b: MemberView) => a.name.localeCompare(b.name)
  return [...starts.sort(byName), ...words.sort(byName)].slice(0, MAX_SUGGESTIONS)
}

/** The text with the `@query` at `start` replaced by `@Name `, and where the caret goes after it. */
export function insertMention(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length }
}

/**
 * The members a message mentions: at each `@`, the longest member name the text goes on with (a
 * word boundary after it). A name picked from the suggestions means the member picked, even
 * where two members share it; another name shared by several members mentions none of them.
 */
export function resolveMentions(text: string, members: readonly MemberView[], picked: ReadonlyMap<string, string>): string[] {
  const byName = new Map<string, string[]>()
  for (const member of members) if (member.name) byName.set(member.name, [...(byName.get(member.name) ?? []), member.id])
  const names = [...byName.keys()].sort((a, b) => b.length - a.length)
  const ids = new Set<string>()
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    const rest = text.slice(at + 1)
    const name = names.find((candidate) => rest.startsWith(candidate) && !/^[\p{L}\p{N}_]/u.test(rest.slice(candidate.length)))
    if (name === undefined) continue
    const id = picked.get(name) ?? (byName.get(name)!.length === 1 ? byName.get(name)![0] : undefined)
    if (id !== undefined) ids.add(id)
  }
  return [...ids].slice(0, Limits.messageMentions)
}
