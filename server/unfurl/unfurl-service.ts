import type { PageMeta } from './meta-tags'
import { UnfurlFailure, parseTarget } from './unfurl-target'

export interface UnfurlOptions {
  connectTimeoutMs: number
  /** From the request's arrival (queueing included) to the answer; past it: 504. */
  totalTimeoutMs: number
  maxBytes: number
  maxRedirects: number
  /** Fetches running at once, server-wide. */
  concurrency: number
  /** Requests waiting for a slot; past it: 503 at once. */
  queueLimit: number
  cacheTtlMs: number
  cacheEntries: number
  /** DNS servers for link previews ("ip" or "ip:port"); empty: the system's. */
  dnsServers: readonly string[]
  /**
   * Tests only (our tests may reach nothing but loopback): lets unfurls fetch from 127.0.0.0/8.
   * Deliberately not a flag or an env var: production never turns it on.
   */
  allowLoopbackForTests: boolean
}

export const DEFAULT_UNFURL_OPTIONS: UnfurlOptions = {
  connectTimeoutMs: 3000,
  totalTimeoutMs: 8000,
  maxBytes: 512 * 1024,
  maxRedirects: 3,
  concurrency: 16,
  queueLimit: 64,
  cacheTtlMs: 10 * 60_000,
  cacheEntries: 1000,
  dnsServers: [],
  allowLoopbackForTests: false,
}

export type LinkPreview = { url: string } & PageMeta

/**
 * Link previews for chat messages, isolated from the sync path: every fetch is bounded in time,
 * size and number; results are cached per URL and concurrent asks for one URL share a fetch.
 */
export class UnfurlService {
  private readonly options: UnfurlOptions
  private readonly cache = new Map<string, { preview: LinkPreview; expires: number }>()
  private readonly inFlight = new Map<string, Promise<LinkPreview>>()
  private readonly waiting: Array<() => void> = []
  private readonly stopped = new AbortController()
  private active = 0

  constructor(options: Partial<UnfurlOptions> = {}) {
    this.options = { ...DEFAULT_UNFURL_OPTIONS, ...options }
  }

  /** Throws UnfurlFailure (with the HTTP status to answer) when there is no preview. */
  async unfurl(text: string): Promise<LinkPreview> {
    const url = parseTarget(text)
    const key = url.href
    const cached = this.cache.get(key)
    if (cached && cached.expires > Date.now()) {
      // Map order is recency: re-inserting keeps the hottest entries when the cache trims.
      this.cache.delete(key)
      this.cache.set(key, cached)
      return cached.preview
    }
    let pending = this.inFlight.get(key)
    if (!pending) {
      pending = this.fetchWithSlot(url).finally(() => this.inFlight.delete(key))
      this.inFlight.set(key, pending)
    }
    return pending
  }

  /** Aborts every fetch (server shutdown). */
  close(): void {
    this.stopped.abort(new UnfurlFailure(503, 'shutting-down'))
    for (const wake of this.waiting.splice(0)) wake()
  }

  private async fetchWithSlot(url: URL): Promise<LinkPreview> {
    const timeout = new AbortController()
    const { totalTimeoutMs } = this.options
    const timer = setTimeout(() => timeout.abort(new UnfurlFailure(504, 'timeout', `no answer within ${totalTimeoutMs} ms`)), totalTimeoutMs)
    const deadline = AbortSignal.any([this.stopped.signal, timeout.signal])
    try {
      await this.takeSlot(deadline)
      try {
        // Loaded at the first preview: node's DNS, HTTPS and zlib modules cost an idle server ~1 MB.
        const [{ fetchPage }, { extractMeta }] = await Promise.all([import('./safe-fetch'), import('./meta-tags')])
        const page = await fetchPage(url, { ...this.options, allowLoopback: this.options.allowLoopbackForTests }, deadline)
        const preview = { url: page.url.href, ...extractMeta(page.html, page.url) }
        this.remember(url.href, preview)
        return preview
      } finally {
        this.releaseSlot()
      }
    } finally {
      clearTimeout(timer)
    }
  }

  private async takeSlot(deadline: AbortSignal): Promise<void> {
    if (this.active < this.options.concurrency) {
      this.active++
      return
    }
    if (this.waiting.length >= this.options.queueLimit) throw new UnfurlFailure(503, 'busy', 'too many link previews at once; try again shortly')
    await new Promise<void>((resolve, reject) => {
      const wake = () => {
        deadline.removeEventListener('abort', onAbort)
        if (deadline.aborted) reject(deadline.reason)
        else resolve()
      }
      const onAbort = () => {
        const index = this.waiting.indexOf(wake)
        if (index !== -1) this.waiting.splice(index, 1)
        reject(deadline.reason)
      }
      deadline.addEventListener('abort', onAbort, { once: true })
      this.waiting.push(wake)
    })
    this.active++
  }

  private releaseSlot(): void {
    this.active--
    this.waiting.shift()?.()
  }

  private remember(key: string, preview: LinkPreview): void {
    this.cache.set(key, { preview, expires: Date.now() + this.options.cacheTtlMs })
    while (this.cache.size > this.options.cacheEntries) this.cache.delete(this.cache.keys().next().value!)
  }
}
