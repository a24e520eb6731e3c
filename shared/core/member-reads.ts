import type * as Y from 'yjs'
import { readStoredStatus, statusAt, type CustomStatus } from '../model/profiles'
import type { MemberFields } from '../model/schema'
import { readMember, type TeamDoc } from '../model/team-doc'

/**
 * Profiles and statuses read through their schemas once per change, not once per view: every
 * awareness change (someone mutes) rebuilds the office, and reading 1,000 profiles each time was
 * most of that rebuild. A member's entry is dropped when their profile or status map changes.
 */
export class MemberReads {
  private readonly profiles = new Map<string, MemberFields>()
  private readonly statuses = new Map<string, CustomStatus | null>()

  constructor(private readonly team: TeamDoc) {
    team.members.observeDeep((events) => forget(this.profiles, events))
    team.statuses.observeDeep((events) => forget(this.statuses, events))
  }

  profile(userId: string, map: Y.Map<unknown>): MemberFields {
    let fields = this.profiles.get(userId)
    if (!fields) this.profiles.set(userId, (fields = readMember(map)))
    return fields
  }

  status(userId: string, now: number): CustomStatus | null {
    if (!this.statuses.has(userId)) this.statuses.set(userId, readStoredStatus(this.team, userId))
    return statusAt(this.statuses.get(userId) ?? null, now)
  }
}

/** Drops the entries of the members an event names: a key of the top map, or the first step of a nested path. */
function forget(cache: Map<string, unknown>, events: ReadonlyArray<Y.YEvent<Y.AbstractType<unknown>>>): void {
  for (const event of events) {
    if (event.path.length === 0) for (const key of event.keys.keys()) cache.delete(key)
    else cache.delete(String(event.path[0]))
  }
}

const readsByTeam = new WeakMap<TeamDoc, MemberReads>()

/** The reads cache of one team document, made on first use. */
export function memberReadsOf(team: TeamDoc): MemberReads {
  let reads = readsByTeam.get(team)
  if (!reads) readsByTeam.set(team, (reads = new MemberReads(team)))
  return reads
}
