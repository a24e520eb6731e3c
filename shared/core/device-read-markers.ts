import { z } from 'zod'
import { readMarkerSchema } from '../model/room-activity'
import type { TeamDoc } from '../model/team-doc'
import { roomActivityOf } from './room-activity-reads'
import type { StoragePort } from './storage-port'

/**
 * How far I read each room's discussion, kept in this device's storage. Markers used to live
 * in the team document, where every move reached every member and left a tombstone for good: a
 * simulated week grew a 1,000-member team's document from 167 KB to 9.3 MB. Here a move costs one
 * local write, and one small message to the server, which keeps the member's markers and passes
 * them to the member's other devices only (read-marker-sync.ts, docs/architecture.md).
 */
const storedMarksSchema = z.record(z.string(), z.unknown())

/** A device-local record, never synced: the name only has to be distinct from synced documents. */
export function readMarksRecordName(teamId: string, userId: string): string {
  return `device/${teamId}/${userId}/read-marks`
}

/** The stored marks; an unreadable record is none and an unreadable entry is absent (unread, never a crash). */
export async function loadReadMarks(storage: StoragePort, recordName: string): Promise<Map<string, number>> {
  const marks = new Map<string, number>()
  try {
    const last = (await storage.load(recordName)).at(-1)
    if (!last) return marks
    const stored = storedMarksSchema.safeParse(JSON.parse(new TextDecoder().decode(last)))
    if (!stored.success) return marks
    for (const [roomId, seq] of Object.entries(stored.data)) {
      const parsed = readMarkerSchema.safeParse(seq)
      if (parsed.success) marks.set(roomId, parsed.data)
    }
  } catch {
    // Bytes that are not JSON read as nothing read.
  }
  return marks
}

/** This device's markers in memory, written through to storage; a marker only ever moves forward. */
export class DeviceReadMarks {
  private writes: Promise<void> = Promise.resolve()
  private writeQueued = false
  private readonly moveListeners = new Set<(roomId: string, seq: number) => void>()
  /**
   * False on a device that knows none of my markers yet (a new device, or a new member): counting
   * every message as unread there would flash "12 unread" until the server's markers arrive.
   */
  private known: boolean

  constructor(
    private readonly storage: StoragePort,
    private readonly recordName: string,
    private readonly marks: Map<string, number>,
    private readonly onError: (error: unknown) => void,
  ) {
    this.known = marks.size > 0
  }

  /** Whether unread can be counted: this device has markers, read something, or heard the server's. */
  settled(): boolean {
    return this.known
  }

  /** The server sent my markers (perhaps none): unread counts from here. True when that changed. */
  settle(): boolean {
    if (this.known) return false
    this.known = true
    return true
  }

  /** 0 (nothing read) for a room with no marker. */
  read(roomId: string): number {
    return this.marks.get(roomId) ?? 0
  }

  /** This device read up to `seq`: keeps the maximum of the stored marker and `seq`; true when it moved. */
  markRead(roomId: string, seq: number): boolean {
    this.known = true
    if (!this.merge(roomId, seq)) return false
    for (const listener of this.moveListeners) listener(roomId, seq)
    return true
  }

  /** A marker another device of mine reached (through the server): kept the same way, and not sent back. */
  merge(roomId: string, seq: number): boolean {
    if (!readMarkerSchema.safeParse(seq).success || this.read(roomId) >= seq) return false
    this.marks.set(roomId, seq)
    this.queueWrite()
    return true
  }

  /** Every marker, for the server after a (re)connect: reads made offline go out then. */
  all(): Array<{ roomId: string; seq: number }> {
    return [...this.marks].map(([roomId, seq]) => ({ roomId, seq }))
  }

  /** Calls `listener` on each move this device made itself; returns the unsubscribe. */
  onMove(listener: (roomId: string, seq: number) => void): () => void {
    this.moveListeners.add(listener)
    return () => this.moveListeners.delete(listener)
  }

  /** An open discussion is read: each open room's marker follows its summary. */
  markOpenRoomsRead(team: TeamDoc, openRooms: readonly string[]): void {
    const activity = roomActivityOf(team)
    for (const roomId of openRooms) {
      const summary = activity.summary(roomId)
      if (summary && team.room(roomId)) this.markRead(roomId, summary.seq)
    }
  }

  /** Resolves once every move so far is on disk. */
  saved(): Promise<void> {
    return this.writes
  }

  /** One write in flight at most: a burst of moves while it runs becomes one write of the latest marks. */
  private queueWrite(): void {
    if (this.writeQueued) return
    this.writeQueued = true
    this.writes = this.writes
      .then(() => {
        this.writeQueued = false
        const bytes = new TextEncoder().encode(JSON.stringify(Object.fromEntries(this.marks)))
        return this.storage.compact(this.recordName, bytes)
      })
      .catch(this.onError)
  }
}
