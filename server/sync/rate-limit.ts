/** Tokens refill at `ratePerSecond`, up to `burst`; a take that finds too few is refused. */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    now = performance.now(),
  ) {
    this.tokens = burst
    this.last = now
  }

  take(amount: number, now = performance.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond)
    this.last = now
    if (this.tokens < amount) return false
    this.tokens -= amount
    return true
  }
}

export interface RateLimits {
  messagesPerSecond: number
  bytesPerSecond: number
}

/** Echoes one connection may be owed at most (see ConnectionRateLimit.owe). */
export const MAX_OWED_ECHOES = 1024

/**
 * Per-connection limits on incoming messages and bytes. Bursts of two seconds' worth are allowed
 * (a reconnect sends several frames at once), and always at least two maximum-size messages.
 */
export class ConnectionRateLimit {
  private readonly messages: TokenBucket
  private readonly bytes: TokenBucket
  private owedMessages = 0
  private owedBytes = 0
  private caughtUp = false

  constructor(limits: RateLimits, maxMessageBytes: number) {
    this.messages = new TokenBucket(limits.messagesPerSecond, limits.messagesPerSecond * 2)
    this.bytes = new TokenBucket(limits.bytesPerSecond, Math.max(limits.bytesPerSecond * 2, maxMessageBytes * 2))
  }

  /**
   * The server sent this connection an awareness frame of this size. The stock client echoes each
   * one back, so one frame of up to that size is owed and passes outside the buckets. When many
   * members join at once each receives hundreds a second: charged to the buckets, their echoes
   * cut every stock client with 4429 (700 of 700 joining together) and admission became a
   * reconnect loop. What is owed is bounded by what the server chose to send, and capped.
   */
  owe(frameBytes: number): void {
    if (this.owedMessages >= MAX_OWED_ECHOES) return
    this.owedMessages++
    this.owedBytes += frameBytes
  }

  /**
   * `syncStep2`: the frame is a sync step 2. A connection's first one is its catch-up after being
   * offline, as large as what it wrote meanwhile: its bytes pass outside the bucket (the document
   * cap bounds them), or a writer with a long offline backlog would be refused on every reconnect.
   */
  allow(frameBytes: number, syncStep2 = false): boolean {
    if (this.owedMessages > 0 && frameBytes <= this.owedBytes) {
      this.owedMessages--
      this.owedBytes -= frameBytes
      return true
    }
    const now = performance.now()
    if (syncStep2 && !this.caughtUp) {
      this.caughtUp = true
      return this.messages.take(1, now)
    }
    // Both buckets are charged even when one refuses: the connection is closed anyway.
    const messageOk = this.messages.take(1, now)
    return this.bytes.take(frameBytes, now) && messageOk
  }
}

/** Open (or opening) sync connections per team member, capped. */
export class UserConnectionCounter {
  private readonly counts = new Map<string, number>()

  constructor(private readonly max: number) {}

  tryReserve(teamId: string, userId: string): boolean {
    const key = `${teamId}/${userId}`
    const count = this.counts.get(key) ?? 0
    if (count >= this.max) return false
    this.counts.set(key, count + 1)
    return true
  }

  release(teamId: string, userId: string): void {
    const key = `${teamId}/${userId}`
    const count = (this.counts.get(key) ?? 0) - 1
    if (count > 0) this.counts.set(key, count)
    else this.counts.delete(key)
  }
}
