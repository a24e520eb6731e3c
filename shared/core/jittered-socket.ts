import { CloseCode, comebackOf } from '../contract/close-codes'

/** The part of the WebSocket API that y-websocket's provider uses. */
export interface SocketLike {
  binaryType: string
  readyState: number
  onopen: ((event: unknown) => void) | null
  onmessage: ((event: { data: unknown }) => void) | null
  onclose: ((event: { code: number; reason: string }) => void) | null
  onerror: ((event: unknown) => void) | null
  send(data: ArrayBufferLike | Uint8Array): void
  close(code?: number, reason?: string): void
}
export type SocketConstructor = new (url: string, protocols?: string | string[]) => SocketLike

export interface BackoffPolicy {
  /** First retry waits up to this long; each failed attempt doubles the window. */
  baseMs: number
  capMs: number
  /** A connection open this long counts as healthy: the next retry starts from a small window. */
  stableMs: number
  /** After a server drain (1012) every client starts at this attempt so the herd spreads out. */
  drainAttempt: number
  random: () => number
}

export const defaultBackoff: BackoffPolicy = {
  baseMs: 500,
  // A restarted server is back within seconds; a 30 s window left people offline for up to 30 s
  // after it was. 8 s still spreads a thousand clients to ~125 connections a second.
  capMs: 8_000,
  stableMs: 10_000,
  drainAttempt: 3,
  random: Math.random,
}

/** Full-jitter delay for the given attempt (attempt 0 connects at once). */
export function jitterDelay(policy: BackoffPolicy, attempt: number): number {
  if (attempt <= 0) return 0
  return policy.random() * Math.min(policy.capMs, policy.baseMs * 2 ** attempt)
}

/**
 * How long a draining server's comeback window rules the retries. Refused connects while its
 * successor starts cost it nothing (the kernel answers), so they need not push the retries out to
 * the doubling window's 8 s; past this the server is not simply restarting, and doubling resumes.
 */
export const COMEBACK_MS = 30_000

/**
 * A retry a server's late start refused draws over at least this share of the window: a member
 * refused at the window's end still spreads out, and lands at most that much later.
 */
const LATE_RETRY_WINDOW_SHARE = 0.25

function comebackDelay(comeback: { windowMs: number; startsAt: number }, now: number, random: number): number {
  const from = Math.max(now, comeback.startsAt)
  const left = Math.max(comeback.startsAt + comeback.windowMs - from, comeback.windowMs * LATE_RETRY_WINDOW_SHARE)
  return from - now + random * left
}

/**
 * When each connection attempt may start. Full-jitter doubling backoff, except after a 1012 that
 * names a comeback window: then the first attempt waits out the start the 1012 names and a uniform
 * draw from the window, so the members reach the restarted node spread over what the server said
 * it can admit, and soon. A refused attempt (the successor started later than named) draws again
 * from what is left of the window, so it lands among the members still to come rather than a whole
 * window later.
 */
export class ReconnectSchedule {
  private attempt = 0
  private comeback: { windowMs: number; startsAt: number; until: number } | null = null

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  get attempts(): number {
    return this.attempt
  }

  /** The wait before the next connection attempt, which it counts. */
  nextDelay(): number {
    const now = this.now()
    const comeback = this.comeback !== null && now < this.comeback.until ? this.comeback : null
    const delay = comeback ? comebackDelay(comeback, now, this.policy.random()) : jitterDelay(this.policy, this.attempt)
    this.attempt++
    return delay
  }

  opened(): void {
    this.comeback = null
  }

  /** `openedAt` is when that connection opened (0 if it never did). */
  closed(code: number, reason: string, openedAt: number): void {
    const now = this.now()
    if (openedAt > 0 && now - openedAt >= this.policy.stableMs) this.attempt = 1
    if (code !== CloseCode.draining) return
    this.attempt = Math.max(this.attempt, this.policy.drainAttempt)
    const comeback = comebackOf(reason)
    if (comeback === null) return
    const { capMs } = this.policy
    this.comeback = { windowMs: Math.min(comeback.windowMs, capMs), startsAt: now + Math.min(comeback.afterMs, capMs), until: now + COMEBACK_MS }
  }

  /** The person asked to reconnect now: the next connection waits no backoff. */
  retryNow(): void {
    this.attempt = 0
    this.comeback = null
  }
}

/**
 * Wraps a WebSocket class so each new connection waits a full-jitter backoff first. y-websocket's
 * own provider retries after a fixed 100 ms-ish delay and forgets its backoff on every sync, so
 * after a server drain every client would come back at once; this class keeps its own count.
 */
export function jitteredSocketClass(
  Base: SocketConstructor,
  policy: BackoffPolicy = defaultBackoff,
): SocketConstructor & { attempts(): number; retryNow(): void } {
  const schedule = new ReconnectSchedule(policy)

  class JitteredSocket implements SocketLike {
    static readonly CONNECTING = 0
    static readonly OPEN = 1
    static readonly CLOSING = 2
    static readonly CLOSED = 3
    readonly CONNECTING = 0
    readonly OPEN = 1
    readonly CLOSING = 2
    readonly CLOSED = 3

    binaryType = 'arraybuffer'
    readyState = 0
    onopen: SocketLike['onopen'] = null
    onmessage: SocketLike['onmessage'] = null
    onclose: SocketLike['onclose'] = null
    onerror: SocketLike['onerror'] = null
    private inner: SocketLike | null = null
    private readonly timer: ReturnType<typeof setTimeout>

    static attempts(): number {
      return schedule.attempts
    }

    /** The person asked to reconnect now: the next connection waits no backoff. */
    static retryNow(): void {
      schedule.retryNow()
    }

    constructor(url: string, protocols?: string | string[]) {
      this.timer = setTimeout(() => this.connect(url, protocols), schedule.nextDelay())
    }

    private connect(url: string, protocols?: string | string[]): void {
      if (this.readyState !== this.CONNECTING) return
      const inner = new Base(url, protocols)
      this.inner = inner
      inner.binaryType = this.binaryType
      let openedAt = 0
      inner.onopen = (event) => {
        openedAt = Date.now()
        schedule.opened()
        this.readyState = this.OPEN
        this.onopen?.(event)
      }
      inner.onmessage = (event) => this.onmessage?.(event)
      inner.onerror = (event) => this.onerror?.(event)
      inner.onclose = (event) => {
        schedule.closed(event.code, event.reason, openedAt)
        this.readyState = this.CLOSED
        this.onclose?.(event)
      }
    }

    send(data: ArrayBufferLike | Uint8Array): void {
      if (!this.inner || this.readyState !== this.OPEN) throw new Error('Socket is not open.')
      this.inner.send(data)
    }

    close(code?: number, reason?: string): void {
      if (this.inner) {
        this.readyState = this.CLOSING
        this.inner.close(code, reason)
        return
      }
      clearTimeout(this.timer)
      this.readyState = this.CLOSED
      queueMicrotask(() => this.onclose?.({ code: code ?? 1000, reason: reason ?? '' }))
    }
  }
  return JitteredSocket
}
