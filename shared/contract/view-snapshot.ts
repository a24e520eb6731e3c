// The saved office view's format, built where the view lives: the core writes it off the page's
// thread (shared/core/view-port.ts), and the page only stores it (renderer/office/view-snapshot-store.ts).
import type { OfficeView } from './view'

export const VIEW_SNAPSHOT_VERSION = 1
/** Past this many characters a snapshot is neither saved nor read: storage is shared and a huge parse would cost the first paint. */
export const VIEW_SNAPSHOT_MAX_CHARS = 1_000_000

/**
 * What the first paint needs and nothing that could act or notify: rooms, members and where I
 * am, shown as still connecting; no discussions, call marks, knocks or invitations.
 */
export function snapshotOf(view: OfficeView): OfficeView {
  return {
    team: view.team,
    me: { ...view.me, holdsMedia: false, callElsewhere: null, knock: null, pull: null, pulls: [], lastAnswer: null },
    connection: { state: 'connecting', detail: null },
    rooms: Object.fromEntries(Object.entries(view.rooms).map(([id, room]) => [id, { ...room, knocks: [] }])),
    members: view.members,
    callMarks: {},
    discussions: {},
  }
}

/** The saved text for a view, or null when it is over the size bound (then nothing should be kept). */
export function encodeViewSnapshot(view: OfficeView, savedAt: number): string | null {
  const text = JSON.stringify({ version: VIEW_SNAPSHOT_VERSION, savedAt, view: snapshotOf(view) })
  return text.length > VIEW_SNAPSHOT_MAX_CHARS ? null : text
}
