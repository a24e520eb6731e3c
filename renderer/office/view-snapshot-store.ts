// Where the office's view snapshot lives on this device: one localStorage entry per server, team
// and member, read synchronously so the first paint needs no round trip to anything.
import type { OfficeView } from '../../shared/contract/view'
import { decodeViewSnapshot, encodeViewSnapshot, type SnapshotOwner } from './view-snapshot'

export interface ViewSnapshots {
  /** The saved office for this sign-in, or null (none, or one that did not check out). */
  load(): OfficeView | null
  save(view: OfficeView): void
  /** Forgets this sign-in's office (signed out, or removed from the team). */
  clear(): void
}

const KEY_PREFIX = 'hallway.officeView'

export function viewSnapshotKey(serverUrl: string, owner: SnapshotOwner): string {
  return `${KEY_PREFIX}:${serverUrl}:${owner.teamId}:${owner.userId}`
}

export function storedViewSnapshots(serverUrl: string, owner: SnapshotOwner, storage: () => Storage = () => localStorage): ViewSnapshots {
  const key = viewSnapshotKey(serverUrl, owner)
  const clear = () => {
    try {
      storage().removeItem(key)
    } catch {
      // A storage the browser refuses holds nothing to forget.
    }
  }
  return {
    load() {
      try {
        return decodeViewSnapshot(storage().getItem(key), owner, Date.now())
      } catch {
        return null
      }
    },
    save(view) {
      const text = encodeViewSnapshot(view, Date.now())
      // Too big to keep: drop the old one too, or a reload would show an office long gone.
      if (text === null) return clear()
      try {
        storage().setItem(key, text)
      } catch {
        // Private mode or a full quota: the next reload opens the normal way.
        clear()
      }
    },
    clear,
  }
}

/** How long the view must stay still before it is saved, and the longest a busy office waits between saves. */
const QUIET_MS = 1000
const MAX_WAIT_MS = 5000

/**
 * Saves the view once it settles (no change for a second), and at least every five seconds while
 * it keeps changing, each save in idle time: a busy office never pays for it on a change.
 */
export function viewSnapshotSaver(read: () => OfficeView | null, snapshots: ViewSnapshots): { changed(): void; stop(): void } {
  let quiet: ReturnType<typeof setTimeout> | undefined
  let longest: ReturnType<typeof setTimeout> | undefined
  let idle: number | undefined
  let stopped = false
  const cancel = () => {
    clearTimeout(quiet)
    clearTimeout(longest)
    if (idle !== undefined) cancelIdleCallback(idle)
    quiet = longest = idle = undefined
  }
  const save = () => {
    clearTimeout(quiet)
    clearTimeout(longest)
    quiet = longest = undefined
    // One already waiting for idle time reads the view when it runs: it saves this change too.
    if (idle !== undefined) return
    idle = requestIdleCallback(
      () => {
        idle = undefined
        const view = read()
        if (view) snapshots.save(view)
      },
      { timeout: MAX_WAIT_MS },
    )
  }
  return {
    changed() {
      if (stopped) return
      clearTimeout(quiet)
      quiet = setTimeout(save, QUIET_MS)
      longest ??= setTimeout(save, MAX_WAIT_MS)
    },
    stop() {
      stopped = true
      cancel()
    },
  }
}
