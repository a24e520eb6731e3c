// Which invitations are still open, shared by the office's banner and the core's tray summary (the
// desktop notifies them): both must agree on what counts as one invitation.
import type { OfficeView } from './view'

export type Pull = OfficeView['me']['pulls'][number]
export const pullKey = (pull: Pull) => `${pull.from}@${pull.at}`

/** Invitations still worth showing: not answered here, not into the room I am in, newest per person. */
export function openPulls(view: OfficeView, answered: ReadonlySet<string>): Pull[] {
  const latest = new Map<string, Pull>()
  for (const pull of view.me.pulls) {
    const seen = latest.get(pull.from)
    if (!seen || seen.at < pull.at) latest.set(pull.from, pull)
  }
  return [...latest.values()]
    .filter((pull) => !answered.has(pullKey(pull)) && pull.room !== view.me.room && view.rooms[pull.room])
    .sort((a, b) => a.at - b.at)
}
