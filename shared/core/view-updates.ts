import type { OfficeView } from '../contract/view'
import type { ViewInputs } from './office-view'
import { OfficeViewDeriver } from './office-view-deriver'
import { ViewSchedule } from './view-schedule'

/**
 * What the next office view must cover and when it is due: changes are noted as they come (only
 * some clients' presence, or anything else), coalesced by a ViewSchedule, and the view is then
 * derived from the last one for those clients alone or built whole.
 */
export class ViewUpdates {
  private readonly schedule: ViewSchedule
  private readonly deriver = new OfficeViewDeriver()
  /** Clients whose presence changed since the last view; null when something else changed too, and the next view is built whole. */
  private changedClients: Set<number> | null = null
  private closed = false

  /** `due` runs once per coalesced batch of changes; it calls next() when it is ready for the view. */
  constructor(due: () => void, everyMs: number | undefined) {
    this.schedule = new ViewSchedule(due, everyMs)
  }

  /** Something besides presence changed (the document, the connection, a discussion, the clock): the next view is built whole. */
  anythingChanged(): void {
    this.changedClients = null
    if (!this.closed) this.schedule.request()
  }

  /** Only these clients' presence changed: the next view derives just what they touch, unless it is built whole anyway. */
  presenceChanged(clients: readonly number[]): void {
    for (const client of clients) this.changedClients?.add(client)
    if (!this.closed) this.schedule.request()
  }

  /** The view for these inputs, covering every change noted since the last one. */
  next(inputs: ViewInputs): OfficeView {
    const changed = this.changedClients
    this.changedClients = new Set()
    return changed ? this.deriver.presenceChanged(inputs, changed) : this.deriver.full(inputs)
  }

  close(): void {
    this.closed = true
    this.schedule.close()
  }
}
