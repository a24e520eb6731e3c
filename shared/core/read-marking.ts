import { markRead } from '../model/room-activity'
import type { TeamDoc } from '../model/team-doc'
import type { Writer } from '../model/write-rules'
import { roomActivityOf } from './room-activity-reads'

/**
 * While a discussion stays open, my marker moves at most this often: every move reaches every
 * member of the team (a 1,000-member team pays each one 1,000 times), and a lively room would
 * otherwise move it with every message.
 */
export const READ_MARK_EVERY_MS = 10_000

export interface ReadMarkingOptions {
  team: () => TeamDoc
  writer: () => Writer
  now: () => number
  everyMs: number
  /** Asks the core for another pass, when a held-back move is due. */
  onDue: () => void
}

/**
 * An open discussion is read: my marker follows its summary, so the unread mark clears here and,
 * through the team document, on my other devices. It moves only forward, only when there is
 * something new, at most once per `everyMs` per room while open, and at once when the discussion
 * closes or the device is put away. Guests cannot write the team document.
 */
export class ReadMarking {
  /** When each open room's marker last moved. */
  private readonly movedAt = new Map<string, number>()
  private timer: ReturnType<typeof setTimeout> | null = null
  private timerAt = Infinity

  constructor(private readonly options: ReadMarkingOptions) {}

  /** Moves the markers of the open rooms whose turn it is; holds back the others until it is. */
  follow(openRooms: readonly string[]): void {
    const now = this.options.now()
    let dueIn = Infinity
    for (const roomId of openRooms) {
      const wait = (this.movedAt.get(roomId) ?? -Infinity) + this.options.everyMs - now
      if (wait <= 0) this.move(roomId, now)
      else if (this.hasUnread(roomId)) dueIn = Math.min(dueIn, wait)
    }
    for (const roomId of this.movedAt.keys()) if (!openRooms.includes(roomId)) this.movedAt.delete(roomId)
    if (now + dueIn < this.timerAt) {
      this.close()
      this.timerAt = now + dueIn
      this.timer = setTimeout(() => {
        this.timer = null
        this.timerAt = Infinity
        this.options.onDue()
      }, dueIn)
    }
  }

  /** The discussions close or the device is put away: what was read is marked now. */
  flush(rooms: readonly string[]): void {
    const now = this.options.now()
    for (const roomId of rooms) this.move(roomId, now)
    for (const roomId of rooms) this.movedAt.delete(roomId)
  }

  /** The open rooms count as read in my own view at once; a guest's never do (nothing marks them). */
  readHere(openRooms: readonly string[]): ReadonlySet<string> {
    return new Set(this.options.writer().role === 'guest' ? [] : openRooms)
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.timerAt = Infinity
  }

  private hasUnread(roomId: string): boolean {
    const { writer } = this.options
    return writer().role !== 'guest' && roomActivityOf(this.options.team()).unread(writer().userId, roomId).count > 0
  }

  private move(roomId: string, now: number): void {
    const team = this.options.team()
    const writer = this.options.writer()
    if (writer.role === 'guest') return
    const summary = roomActivityOf(team).summary(roomId)
    if (summary && team.room(roomId) && markRead(team, writer.userId, roomId, summary.seq)) this.movedAt.set(roomId, now)
  }
}
