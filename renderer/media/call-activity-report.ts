// Tells the core who speaks in my call and how each member's link holds (CallActivity), so the
// office can mark avatars without holding media: the same command port in the web build and in
// Electron's media host window.
import type { CallActivity } from '../../shared/contract/call-activity'
import type { CallSnapshot } from './call-snapshot'

/** A call that is not connected (or none) reports no one: stale marks would mislead. */
export function callActivityOf(roomId: string | null, snapshot: CallSnapshot | null): CallActivity {
  if (roomId === null || snapshot?.connection !== 'connected') return { roomId: null, members: [] }
  return {
    roomId,
    members: [snapshot.local, ...snapshot.remotes].map(({ identity, speaking, quality }) => ({ userId: identity, speaking, quality })),
  }
}

interface ReportedCall {
  snapshot(): CallSnapshot
  onChange(listener: (snapshot: CallSnapshot) => void): () => void
}

/** The slice of the office call controller (office-call.ts) the report follows. */
export interface ReportedController {
  state(): { roomId: string | null }
  call(): ReportedCall | null
  onChange(listener: () => void): () => void
}

/** Reports on every change of the held call, once per distinct activity; returns the stop. */
export function reportCallActivity(controller: ReportedController, report: (activity: CallActivity) => void): () => void {
  let last = ''
  let watched: ReportedCall | null = null
  let stopWatching = () => {}
  const send = () => {
    const activity = callActivityOf(controller.state().roomId, watched?.snapshot() ?? null)
    const key = JSON.stringify(activity)
    if (key === last) return
    last = key
    report(activity)
  }
  const follow = () => {
    const call = controller.call()
    if (call !== watched) {
      stopWatching()
      watched = call
      stopWatching = call ? call.onChange(send) : () => {}
    }
    send()
  }
  const stopFollowing = controller.onChange(follow)
  follow()
  return () => {
    stopFollowing()
    stopWatching()
  }
}
