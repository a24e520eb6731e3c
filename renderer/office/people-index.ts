import type { MemberView } from '../../shared/contract/view'
import { insertionPointByName } from './office-selectors'

/** What filing a member reads: where they are, and what they sort by. */
export type Placeable = Pick<MemberView, 'id' | 'name' | 'online' | 'room'>

interface Entry<T> {
  member: T
  id: string
  name: string
}

/**
 * Who is in the hallway and who is offline, each sorted by name, and how many are online, kept
 * member by member: a change files the one member again (a binary search and a splice) instead of
 * filtering and sorting the whole team. At 1,000 members the whole-team way cost the page a
 * long task whenever one person came online.
 */
export class PeopleIndex<T extends Placeable> {
  private readonly hallwayEntries: Entry<T>[] = []
  private readonly offlineEntries: Entry<T>[] = []
  /** Each filed member's entry and the list it is in (null: online in a room). */
  private readonly filed = new Map<string, { entry: Entry<T>; list: Entry<T>[] | null }>()
  private onlineCount = 0

  get online(): number {
    return this.onlineCount
  }

  /** Online and in no room, by name. */
  hallway(): T[] {
    return this.hallwayEntries.map((entry) => entry.member)
  }

  /** Offline, by name. */
  offline(): T[] {
    return this.offlineEntries.map((entry) => entry.member)
  }

  /** Files a member where they are now, replacing where they were. */
  place(member: T): void {
    const list = !member.online ? this.offlineEntries : member.room === null ? this.hallwayEntries : null
    const was = this.filed.get(member.id)
    // Same list, same name: the same place, so only the object changes (the saved view's member giving way to the live one's, for the whole team at once).
    if (was && was.list === list && was.entry.name === member.name) {
      was.entry.member = member
      return
    }
    this.remove(member.id)
    const entry = { member, id: member.id, name: member.name }
    if (member.online) this.onlineCount++
    if (list) list.splice(insertionPointByName(list, entry), 0, entry)
    this.filed.set(member.id, { entry, list })
  }

  /** Forgets a member (gone from the team, or about to be filed again). */
  remove(id: string): void {
    const was = this.filed.get(id)
    if (!was) return
    this.filed.delete(id)
    if (was.list) was.list.splice(was.list.indexOf(was.entry), 1)
    if (was.list !== this.offlineEntries) this.onlineCount--
  }
}
