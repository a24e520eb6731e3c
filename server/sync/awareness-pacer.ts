/** A room whose awareness batch the pacer sends. */
export interface PacedRoom {
  flushAwareness(): void
  /** performance.now() when the oldest renewal the room still holds was received; null when it holds none. */
  heldRenewalSince(): number | null
}

/**
 * When awareness changes go out, across every room of a server. A room's first change of an
 * event-loop turn goes out at once; changes after it are held and go out together at the end of
 * the turn, so a burst costs each peer two frames rather than one per change. A turn that reads
 * thousands of frames (bursts over many documents) can run tens of milliseconds, so a held batch
 * also goes out as soon as a frame read after it finds it has waited `maxHoldMs`.
 *
 * Renewals (a state re-sent unchanged with a newer clock, every 15 s from each stock client) are
 * most presence traffic and change nothing a member sees: they only keep a state from timing out
 * at the receivers (30 s in y-protocols). They wait up to `renewalHoldMs` and go out with the
 * room's next visible change or with every room's renewals at once, so a document sends about
 * one renewal frame per peer per hold instead of one per member's renewal. Each frame costs a
 * socket write, the larger part of a delivery's CPU. The hold runs from the oldest renewal the
 * room still holds, not from the first since the timer started: in a busy document visible
 * changes carry the renewals out, and its timer rarely has to send a frame of its own.
 */
export class AwarenessPacer {
  private readonly sentThisTurn = new Set<PacedRoom>()
  /** Rooms holding a batch, oldest first, with when they started holding. */
  private held: { room: PacedRoom; since: number }[] = []
  private heldRooms = new Set<PacedRoom>()

  /** Rooms whose renewal timer is running. */
  private readonly renewing = new Set<PacedRoom>()
  /** When each room last sent an arrival, and the rooms holding arrivals until their next send. */
  private readonly arrivalSentAt = new WeakMap<PacedRoom, number>()
  private readonly arriving = new Set<PacedRoom>()

  constructor(
    private readonly maxHoldMs: number,
    private readonly renewalHoldMs: number,
    private readonly arrivalHoldMs: number,
  ) {}

  /** The room has a change to send. */
  changed(room: PacedRoom, now: number): void {
    if (!this.sentThisTurn.has(room)) {
      // The turn's first send schedules its end.
      if (this.sentThisTurn.size === 0) setImmediate(() => this.endTurn())
      this.sentThisTurn.add(room)
      room.flushAwareness()
      return
    }
    if (this.heldRooms.has(room)) return
    this.heldRooms.add(room)
    this.held.push({ room, since: now })
  }

  /**
   * A client the room did not know sent its state (someone joined, or came back after a restart).
   * One arrival goes out as a change; arrivals after it within `arrivalHoldMs` wait and go out
   * together at its end (or with the room's next visible change). A reconnect wave brings a team
   * back within a few seconds, and sent one by one its arrivals cost about the team's size squared
   * in socket writes; held, a document sends at most one arrival frame per peer per hold.
   */
  arrived(room: PacedRoom, now: number): void {
    const sentAt = this.arrivalSentAt.get(room)
    if (sentAt === undefined || now - sentAt >= this.arrivalHoldMs) {
      this.arrivalSentAt.set(room, now)
      return this.changed(room, now)
    }
    if (this.arriving.has(room)) return
    this.arriving.add(room)
    setTimeout(() => {
      this.arriving.delete(room)
      this.arrivalSentAt.set(room, performance.now())
      room.flushAwareness()
    }, sentAt + this.arrivalHoldMs - now).unref()
  }

  /**
   * The room holds renewals: each goes out within `renewalHoldMs` of its arrival (sooner with a
   * visible change). A timer per room, not one for all: rooms' renewals then go out spread over
   * time, not all in one long turn that a visible change would wait behind.
   */
  renewed(room: PacedRoom): void {
    if (this.renewing.has(room)) return
    this.renewing.add(room)
    this.armRenewalTimer(room, this.renewalHoldMs)
  }

  private armRenewalTimer(room: PacedRoom, ms: number): void {
    const timer = setTimeout(() => {
      const since = room.heldRenewalSince()
      const left = since === null ? 0 : since + this.renewalHoldMs - performance.now()
      // A visible change sent what the hold began with: wait for the oldest renewal held since.
      if (left > 0) return this.armRenewalTimer(room, left)
      this.renewing.delete(room)
      if (since !== null) room.flushAwareness()
    }, ms)
    // What held renewals carry, the receivers already show: they never keep a stopping process alive.
    timer.unref()
  }

  /** Called for every frame read: sends the batches that have waited long enough. */
  tick(now: number): void {
    let sent = 0
    while (sent < this.held.length && now - this.held[sent]!.since >= this.maxHoldMs) {
      const { room } = this.held[sent++]!
      this.heldRooms.delete(room)
      room.flushAwareness()
    }
    if (sent > 0) this.held = this.held.slice(sent)
  }

  private endTurn(): void {
    const held = this.held
    this.held = []
    this.heldRooms = new Set()
    this.sentThisTurn.clear()
    for (const { room } of held) room.flushAwareness()
  }
}
