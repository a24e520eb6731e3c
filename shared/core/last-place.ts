import { z } from 'zod'
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

export function samePlace(a: LastPlace | null, b: LastPlace | null): boolean {
  return a === b || (a !== null && b !== null && a.room === b.room && a.mic === b.mic && a.mediaEpoch === b.mediaEpoch)
}
