import { z } from 'zod'
import type { OfficeView } from '../contract/view'
import { insidersOf } from '../model/rooms'
import type { TeamDoc } from '../model/team-doc'
import type { PresenceState } from './presence'
import type { StoragePort } from './storage-port'

/**
 * Where this device last was in the office, kept on this device so a reload, a restart of the
 * core or a crash brings the member back into their room and call. Left on purpose (Leave, walked
 * out by a lock, the call moved to another device) is stored as no place.
 */
export interface LastPlace {
  room: string
  mic: boolean
  mediaEpoch: number
}

const lastPlaceSchema = z.object({
  room: z.string().min(1).max(64),
  mic: z.boolean(),
  mediaEpoch: z.number().int().nonnegative(),
})

/** A device-local record, never synced: the name only has to be distinct from synced documents. */
export function lastPlaceRecordName(teamId: string, userId: string): string {
  return `device/${teamId}/${userId}/last-place`
}

/** The stored place, or null when there is none or it does not read (a reader survives any bytes). */
export async function loadLastPlace(storage: StoragePort, recordName: string): Promise<LastPlace | null> {
  try {
    const records = await storage.load(recordName)
    const last = records.at(-1)
    if (!last) return null
    const parsed = lastPlaceSchema.safeParse(JSON.parse(new TextDecoder().decode(last)))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** Replaces the stored place (null: the member left on purpose). */
export function saveLastPlace(storage: StoragePort, recordName: string, place: LastPlace | null): Promise<void> {
  return storage.compact(recordName, new TextEncoder().encode(JSON.stringify(place)))
}

function samePlace(a: LastPlace | null, b: LastPlace | null): boolean {
  return a === b || (a !== null && b !== null && a.room === b.room && a.mic === b.mic && a.mediaEpoch === b.mediaEpoch)
}

/**
 * The state to walk back into after a reload, a restart of the core or a crash: the stored room
 * with its mic as it was, unless the room is gone, locked against me, or full. The media epoch
 * goes one past the stored one so this device wins over its own not-yet-expired ghost, while a
 * device that claimed the call meanwhile (a higher epoch) keeps it.
 */
export function returnTo(place: LastPlace, me: PresenceState, office: OfficeView, team: TeamDoc): PresenceState | null {
  const room = office.rooms[place.room]
  if (!room) return null
  if (room.door === 'locked' && !insidersOf(team, room.id).includes(me.user)) return null
  if (room.capacity > 0 && room.occupants.length >= room.capacity) return null
  return { ...me, room: room.id, mic: place.mic, mediaEpoch: place.mediaEpoch + 1 }
}

/** Keeps this device's last place on disk as presence changes; a write only when it changed. */
export class PlaceKeeper {
  private writes: Promise<void> = Promise.resolve()

  constructor(
    private readonly storage: StoragePort,
    private readonly recordName: string,
    private last: LastPlace | null,
    private readonly onError: (error: unknown) => void,
  ) {}

  get place(): LastPlace | null {
    return this.last
  }

  remember(state: PresenceState | null): void {
    const place = state?.room ? { room: state.room, mic: state.mic, mediaEpoch: state.mediaEpoch } : null
    if (samePlace(place, this.last)) return
    this.last = place
    this.writes = this.writes.then(() => saveLastPlace(this.storage, this.recordName, place)).catch(this.onError)
  }

  /** Resolves once every place remembered so far is on disk. */
  saved(): Promise<void> {
    return this.writes
  }
}
