// Where the office's view snapshot lives on this device: one localStorage entry per server, team
// and member, read synchronously so the first paint needs no round trip to anything.
import type { OfficeView } from '../../shared/contract/view'
import { decodeViewSnapshot, type SnapshotOwner } from './view-snapshot'

export interface ViewSnapshots {
  /** The saved office for this sign-in, or null (none, or one that did not check out). */
  load(): OfficeView | null
  /** Keeps the saved text the core built (shared/contract/view-snapshot.ts); null (too big) drops the old one. */
  save(text: string | null): void
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
    save(text) {
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
 * Asks for the saved view once the office settles (no change for a second), and at least every
 * five seconds while it keeps changing. The text is built by the core, off this thread: saving a
 * 1,000-member office here was one long task each time (issue 12); the page only stores it.
 */
export function viewSnapshotSaver(requestSave: () => void, snapshots: ViewSnapshots): { changed(): void; received(text: string | null): void; stop(): void } {
  let quiet: ReturnType<typeof setTimeout> | undefined
  let longest: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  const cancel = () => {
    clearTimeout(quiet)
    clearTimeout(longest)
    quiet = longest = undefined
  }
  const save = () => {
    cancel()
    requestSave()
  }
  return {
    changed() {
      if (stopped) return
      clearTimeout(quiet)
      quiet = setTimeout(save, QUIET_MS)
      longest ??= setTimeout(save, MAX_WAIT_MS)
    },
    received(text) {
      // A reply asked for before a stop (signed out) must not bring the office back.
      if (!stopped) snapshots.save(text)
    },
    stop() {
      stopped = true
      cancel()
    },
  }
}
