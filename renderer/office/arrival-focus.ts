// Walking into a room replaces the control that did it (Join, a search result, Knock) with the
// room's own; a keyboard user would be dropped at the page's start. The room remembers who asked.

/** The room last walked into (or knocked on) from a control that goes away: its Leave takes the focus once I am inside. */
let awaited: string | null = null

export function focusLeaveOnArrival(roomId: string): void {
  awaited = roomId
}

/** Called as a room's Leave button mounts: focuses it if that room was awaited. */
export function focusIfArrived(roomId: string, leave: HTMLButtonElement): void {
  if (awaited !== roomId) return
  awaited = null
  queueMicrotask(() => leave.focus())
}
