// The office's JS heaps after a forced GC, in the page and in the core's Web Worker: CDP on the
// page, and on the worker through the page session's auto-attach (the worker has its own V8 heap,
// which the page's Runtime.getHeapUsage does not count).
import type { BrowserContext, CDPSession, Page } from 'playwright-core'

export interface HeapSample {
  /** Page V8 heap in use after GC (Runtime.getHeapUsage). */
  pageBytes: number
  /** The page's performance.memory.usedJSHeapSize after the same GC (precise with --enable-precise-memory-info). */
  pageMemoryBytes: number
  /** The core worker's V8 heap in use after GC. */
  workerBytes: number
}

export interface HeapProbe {
  sample(): Promise<HeapSample>
  close(): Promise<void>
}

interface AttachedEvent {
  sessionId: string
  targetInfo: { type: string; title: string }
}

/** Attaches to the page and to its worker named `workerName` (already running or yet to start). */
export async function attachHeapProbe(context: BrowserContext, page: Page, workerName: string, timeoutMs = 30_000): Promise<HeapProbe> {
  const cdp = await context.newCDPSession(page)
  let workerSession: string | null = null
  cdp.on('Target.attachedToTarget', (event: AttachedEvent) => {
    if (event.targetInfo.type === 'worker' && event.targetInfo.title === workerName) workerSession = event.sessionId
  })
  const worker = new WorkerChannel(cdp)
  // Not flattened: Playwright's CDPSession cannot address a child session, so the worker's
  // commands travel inside Target.sendMessageToTarget.
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false })
  const deadline = Date.now() + timeoutMs
  while (workerSession === null) {
    if (Date.now() > deadline) throw new Error(`heap probe: no worker named ${workerName} attached within ${timeoutMs / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const session: string = workerSession
  return {
    async sample() {
      // Twice each: objects freed by the first pass (finalizers, weak maps) can release more on the second.
      for (let i = 0; i < 2; i++) {
        await cdp.send('HeapProfiler.collectGarbage')
        await worker.send(session, 'HeapProfiler.collectGarbage')
      }
      const pageUsage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
      const workerUsage = (await worker.send(session, 'Runtime.getHeapUsage')) as { usedSize: number }
      const pageMemoryBytes = await page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize)
      return { pageBytes: pageUsage.usedSize, pageMemoryBytes, workerBytes: workerUsage.usedSize }
    },
    close: () => cdp.detach(),
  }
}

/** Request and response over Target.sendMessageToTarget / receivedMessageFromTarget. */
class WorkerChannel {
  private nextId = 1
  private readonly pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>()

  constructor(private readonly cdp: CDPSession) {
    cdp.on('Target.receivedMessageFromTarget', (event: { message: string }) => {
      const reply = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } }
      const waiting = reply.id === undefined ? undefined : this.pending.get(reply.id)
      if (!waiting) return
      this.pending.delete(reply.id!)
      if (reply.error) waiting.reject(new Error(`heap probe (worker): ${reply.error.message}`))
      else waiting.resolve(reply.result)
    })
  }

  send(sessionId: string, method: string, params: object = {}): Promise<unknown> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject)
    })
  }
}
