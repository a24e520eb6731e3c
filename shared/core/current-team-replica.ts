import type { Awareness } from 'y-protocols/awareness'
import { TeamDoc } from '../model/team-doc'
import type { DeviceReadMarks } from './device-read-markers'
import type { PresenceState } from './presence'
import type { Replica } from './replica'
import { TeamLink, type TeamLinkEvents } from './team-link'

/** What the core hears from its current team replica, across replacements. */
export interface CurrentTeamEvents extends Omit<TeamLinkEvents, 'refusedWrite'> {
  /** The server refused a write: the replica is being replaced, and views wait for the fresh one. */
  replacing(): void
  /** The fresh server copy is in place and connecting. */
  replaced(reason: string): void
  /** A replacement ended, done or not: the next view is due. */
  settled(): void
}

/**
 * The team replica the core works on: the one opened from disk, until the server refuses one of
 * its writes; then it is dropped everywhere and a fresh server copy takes its place, with my
 * presence as it was and a fresh TeamLink.
 */
export class CurrentTeamReplica {
  private current: Replica
  private doc: TeamDoc
  private link: TeamLink
  private replacement: Promise<void> | null = null
  private detached = false

  constructor(replica: Replica, presence: PresenceState, private readonly reads: DeviceReadMarks, private readonly events: CurrentTeamEvents) {
    this.current = replica
    this.doc = new TeamDoc(replica.doc)
    this.link = this.linkTo(replica, presence)
  }

  get replica(): Replica {
    return this.current
  }

  get team(): TeamDoc {
    return this.doc
  }

  get awareness(): Awareness {
    return this.current.provider.awareness
  }

  get teamLink(): TeamLink {
    return this.link
  }

  /** True while a refused replica is being replaced. */
  get replacing(): boolean {
    return this.replacement !== null
  }

  /** Resolves once no replacement is under way (at once when none is). */
  async ready(): Promise<void> {
    await this.replacement
  }

  /** Stops listening; a replacement under way still completes, but the fresh copy is not linked or connected. */
  detach(): void {
    this.detached = true
    this.link.close()
  }

  /** Closes whichever replica is current once any replacement is done. */
  async close(): Promise<void> {
    if (!this.detached) this.detach()
    await this.replacement
    await this.current.close()
  }

  private linkTo(replica: Replica, presence: PresenceState): TeamLink {
    return new TeamLink(replica, presence, this.reads, { ...this.events, refusedWrite: (reason) => this.replace(reason) })
  }

  private replace(reason: string): void {
    if (this.replacement || this.detached) return
    const stale = this.current
    const me = this.awareness.getLocalState() as PresenceState
    this.events.replacing()
    this.replacement = (async () => {
      const fresh = await stale.replaceWithServerCopy()
      this.current = fresh
      // close() waits for this and then tears down the fresh replica.
      if (this.detached) return
      this.doc = new TeamDoc(fresh.doc)
      this.link.close()
      this.link = this.linkTo(fresh, me)
      fresh.connect()
      this.events.replaced(reason)
    })().finally(() => {
      this.replacement = null
      this.events.settled()
    })
  }
}
