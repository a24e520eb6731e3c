import { drainingReason, type Comeback } from '../../shared/contract/close-codes'
import { defaultBackoff } from '../../shared/core/jittered-socket'
import { comebackHoldMs } from '../../shared/core/last-seen-presence'

export interface DrainOptions {
  /**
   * Sockets are closed in shuffled batches spread evenly over this long, or over the members'
   * comeback window if that is shorter (DrainPlan.windowMs).
   */
  windowMs: number
  /** After the last batch, how long members have to answer their 1012 before their sockets are cut. */
  graceMs: number
  /**
   * How long a successor takes to listen once this process has exited (its own start-up). Named on
   * a socket a supervisor holds too, where a member back before the successor listens would wait
   * in the kernel's queue rather than be refused: a wave queued there meets the successor all at
   * once, and at 2,000 members its slowest /readyz was 217 ms against 23 ms with the start-up
   * named (bench/capacity/README.md, round 7).
   */
  restartMs: number
}

/** Batches are at least this far apart, so a long window closes a few sockets at a time. */
const DRAIN_TICK_MS = 50

/**
 * The restarted node's CPU per admission in a reconnect wave (the upgrade, token, revocation and
 * team checks, the document loads, the first sync answers, the kernel's socket work), under the
 * company load (bench/capacity, 5 December 2026, load average under 1.5): 550–620 µs at 2,000
 * members and 395–470 µs at 4,000, where the wave's fixed costs (documents loaded, code compiled)
 * are spread over twice the members. Set at the large wave's figure, where the window is long
 * enough to bind: 0.5 ms left 4,000 members all back 2.85–3.09 s, 0.4 ms 2.50–2.58 s (2 rounds
 * each way, bound and held), with the walks of members already back at a p99 of 31 ms bound and
 * 84 ms held. Below that, arrivals run ahead of what the node admits and the excess waits in the
 * listen queue (LISTEN_BACKLOG): at 2,000 the admissions' CPU sets all back either way.
 *
 * So the wave takes the node's whole core while it lasts. A window sized for 70 % of it (the share
 * the capacity bench projects members per node at) left the core idle between arrivals: at 2,000
 * members all back 1.97 s against 1.69 s with the whole core (3 interleaved rounds each, same run),
 * while the room walks of members already back kept a p99 of 16–26 ms (19 at 70 %; y-sweet, which
 * paces nothing, 62–77 ms). Earlier the held socket's listen queue was node's 511 (listen.ts), so
 * a shorter window lost SYNs there, which hid this.
 */
const ADMISSION_CPU_MS = 0.4
const MIN_COMEBACK_WINDOW_MS = 500
/** Clients cut a longer window to their backoff cap. */
const MAX_COMEBACK_WINDOW_MS = defaultBackoff.capMs

/**
 * What the last batch costs the draining process per member after its 1012 is sent: writing the
 * frame and FIN, its leave, and its answer, of which only the end is waited for (the frames are
 * not read: SyncSocket.letGoAfterClose). The built server took 0.06–0.09 ms a member at 4,000
 * members answering from one client process on the other core (bench/capacity/README.md, "After a
 * deploy, round 8").
 */
const TAIL_MS_PER_MEMBER = 0.08
/** From the last answer to the process's exit: writes flushed, stores closed (4–71 ms measured there). */
const EXIT_MS = 50
/**
 * The answers' wait scales with the close loop's own pace: a core shared with other work (the
 * bench at load average 5 took 0.2–0.9 ms a member) closes slower, and takes the answers slower in
 * the same proportion. So the drain times its own close loop and scales the tail. At 4,000
 * members 2× named a wait ~190 ms longer than the real one (the median member's; bench/capacity
 * "After a deploy, round 8"), so all came back that much later than they could.
 */
const TAIL_PER_CLOSE_COST = 1.4
/** Members closed before the loop's own pace is trusted over TAIL_MS_PER_MEMBER. */
const MIN_TIMED_CLOSES = 32

/** The window a drain of `members` names: their admissions, one after another, on the node's whole core. */
export function comebackWindowMs(members: number): number {
  const ms = Math.ceil(members * ADMISSION_CPU_MS)
  return Math.min(MAX_COMEBACK_WINDOW_MS, Math.max(MIN_COMEBACK_WINDOW_MS, ms))
}

/**
 * How long the drain goes on from its last batch until the process has exited: the batch's
 * closes and answers (at most the grace, then the rest are cut) and the exit.
 */
export function drainTailMs(lastBatch: number, graceMs: number, msPerMember = TAIL_MS_PER_MEMBER): number {
  return Math.min(graceMs, lastBatch * msPerMember) + EXIT_MS
}

/**
 * One drain's timetable: which members close when, and what each 1012 names. A member's wait
 * ("after D ms") runs from when it reads its 1012 until the successor can answer: the rest of
 * this drain (the later batches, the last batch's answers, the exit) and then the successor's
 * start-up. A member closed early in the window waits longer than one closed late; all of them
 * aim at the same moment.
 */
export class DrainPlan {
  readonly batches: number
  /**
   * How long the closes are spread over: the drain window, but no longer than the comeback window
   * the 1012s name. Every batch's D aims at the same moment (the successor listening), so a longer
   * spread only holds the exit back: 3 members waited 3.3 s under the 5 s default to be told to
   * come back within 0.5 s (`npm start` stopped with three members in calls, session 16's walk).
   */
  readonly windowMs: number
  private readonly comebackWindowMs: number
  /** What the last batch costs per member (closing it and waiting for its ends), until timed. */
  private tailMsPerMember = TAIL_MS_PER_MEMBER

  constructor(
    readonly members: number,
    private readonly options: DrainOptions,
    readonly startedAt: number,
  ) {
    this.comebackWindowMs = comebackWindowMs(members)
    this.windowMs = Math.min(options.windowMs, this.comebackWindowMs)
    this.batches = Math.max(1, Math.min(members, Math.ceil(this.windowMs / DRAIN_TICK_MS)))
  }

  /** When this process is expected to have exited (performance.now() clock). */
  get exitAt(): number {
    return this.batchAt(this.batches - 1) + drainTailMs(this.batchSize(this.batches - 1), this.options.graceMs, this.tailMsPerMember)
  }

  /**
   * The close loop's own pace in this drain: `closed` members took `ms` of closing. A slower pace
   * than the measured one (a shared core) moves the expected exit later for the 1012s still to come.
   */
  timed(closed: number, ms: number): void {
    if (closed >= MIN_TIMED_CLOSES) this.tailMsPerMember = Math.max(TAIL_MS_PER_MEMBER, (ms / closed) * TAIL_PER_CLOSE_COST)
  }

  /** When batch `i` is closed (performance.now() clock). */
  batchAt(i: number): number {
    return this.startedAt + (this.windowMs * i) / this.batches
  }

  /** Batch `i` of the (shuffled) members. */
  batch<T>(all: readonly T[], i: number): T[] {
    return all.slice(this.batchStart(i), this.batchStart(i + 1))
  }

  /** What a 1012 sent at `now` names, also to one refused mid-drain. */
  comebackAt(now: number): Comeback {
    return { windowMs: this.comebackWindowMs, afterMs: Math.max(0, this.exitAt - now) + this.options.restartMs }
  }

  reasonAt(now: number): string {
    return drainingReason(this.comebackAt(now))
  }

  /**
   * How long a member closed at `now` may take to be back: its core draws those not back yet
   * where they were for as long (comebackHoldMs), and the other nodes hold its leave as long.
   */
  holdAt(now: number): number {
    return comebackHoldMs(this.comebackAt(now))
  }

  /** How long a closed socket has to answer its 1012 before it is cut. */
  get graceMs(): number {
    return this.options.graceMs
  }

  private batchStart(i: number): number {
    return Math.floor((i * this.members) / this.batches)
  }

  private batchSize(i: number): number {
    return this.batchStart(i + 1) - this.batchStart(i)
  }
}

/** Shuffles in place (a drain closes its members in random order, so no one is always last). */
export function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}
