// The office as this device last showed it, saved so a reload paints at once while the core
// boots. It is read back from storage another version or another sign-in may have written:
// anything that does not check out is ignored and the office opens the normal way.
import { z } from 'zod'
import { officeViewSchema, type OfficeView } from '../../shared/contract/view'
import { VIEW_SNAPSHOT_MAX_CHARS, VIEW_SNAPSHOT_VERSION, snapshotOf } from '../../shared/contract/view-snapshot'

export { VIEW_SNAPSHOT_MAX_CHARS, VIEW_SNAPSHOT_VERSION, encodeViewSnapshot, snapshotOf } from '../../shared/contract/view-snapshot'

/** An older snapshot is not shown: after a week away the office has moved on too far to be worth a glimpse. */
export const VIEW_SNAPSHOT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000

const viewSnapshotSchema = z.object({
  version: z.literal(VIEW_SNAPSHOT_VERSION),
  savedAt: z.number(),
  view: officeViewSchema,
})

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
  const parsed = viewSnapshotSchema.safeParse(json)
  if (!parsed.success) return null
  const { view, savedAt } = parsed.data
  if (savedAt > now || now - savedAt > VIEW_SNAPSHOT_MAX_AGE_MS) return null
  if (view.team.id !== owner.teamId || view.me.userId !== owner.userId) return null
  return snapshotOf(view)
}
