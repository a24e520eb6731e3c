// The office as this device last showed it, saved so a reload paints at once while the core
// boots. It is read back from storage another version or another sign-in may have written:
// anything that does not check out is ignored and the office opens the normal way.
import type { OfficeView } from '../../shared/contract/view'
import { VIEW_SNAPSHOT_MAX_CHARS, VIEW_SNAPSHOT_VERSION, snapshotOf } from '../../shared/contract/view-snapshot'
import { checkOfficeView } from '../../shared/contract/office-view-check'


/** An older snapshot is not shown: after a week away the office has moved on too far to be worth a glimpse. */
export const VIEW_SNAPSHOT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000

/** Whose office a snapshot is: a snapshot is shown only to the member of the team who saved it. */
export interface SnapshotOwner {
  teamId: string
  userId: string
}

/** The saved view if `raw` is a well-formed snapshot of this version, within bounds and age, of this owner's office; else null. */
export function decodeViewSnapshot(raw: string | null, owner: SnapshotOwner, now: number): OfficeView | null {
  if (raw === null || raw.length > VIEW_SNAPSHOT_MAX_CHARS) return null
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    return null
  }
  if (typeof json !== 'object' || json === null) return null
  const { version, savedAt } = json as { version?: unknown; savedAt?: unknown }
  if (version !== VIEW_SNAPSHOT_VERSION || typeof savedAt !== 'number') return null
  const view = checkOfficeView((json as { view?: unknown }).view)
  if (view === null) return null
  if (savedAt > now || now - savedAt > VIEW_SNAPSHOT_MAX_AGE_MS) return null
  if (view.team.id !== owner.teamId || view.me.userId !== owner.userId) return null
  return snapshotOf(view)
}
