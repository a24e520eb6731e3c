// A page's V8 heap after a forced GC, split into compiled code and everything else, from a heap
// snapshot over CDP. Code (bytecode, baseline and optimized machine code) grows while the JIT warms
// up to the functions a call runs, and is bounded by the program; what a leak holds is the rest.
import type { CDPSession, Page } from 'playwright-core'

export interface HeapFigures {
  /** V8 heap in use (Runtime.getHeapUsage). */
  usedBytes: number
  /** Of the snapshot's V8 objects: compiled code. */
  codeBytes: number
  /** Of the snapshot's V8 objects: everything else (objects, strings, arrays, closures). */
  dataBytes: number
}

interface SnapshotMeta {
  node_fields: string[]
  node_types: [string[], ...unknown[]]
}

/** V8 heap in use after a forced GC (the page's browser runs with --js-flags=--expose-gc). */
export async function usedHeapAfterGc(page: Page, cdp: CDPSession): Promise<number> {
  // Twice: LiveKit objects freed by the first pass can release more on the second.
  for (let i = 0; i < 2; i++) await page.evaluate(() => (window as unknown as { gc(): void }).gc())
  return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize
}

export async function heapAfterGc(page: Page, cdp: CDPSession): Promise<HeapFigures> {
  const usedBytes = await usedHeapAfterGc(page, cdp)
  const chunks: string[] = []
  const onChunk = ({ chunk }: { chunk: string }) => chunks.push(chunk)
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk)
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk)
  }
  const snapshot = JSON.parse(chunks.join('')) as { snapshot: { meta: SnapshotMeta }; nodes: number[] }
  const { node_fields: fields, node_types: types } = snapshot.snapshot.meta
  const typeNames = types[0]
  const stride = fields.length
  const typeAt = fields.indexOf('type')
  const sizeAt = fields.indexOf('self_size')
  let codeBytes = 0
  let dataBytes = 0
  for (let i = 0; i < snapshot.nodes.length; i += stride) {
    const type = typeNames[snapshot.nodes[i + typeAt]!]
    const size = snapshot.nodes[i + sizeAt]!
    // Blink's own objects ('native') live outside the V8 heap; 'synthetic' are grouping roots.
    if (type === 'code') codeBytes += size
    else if (type !== 'native' && type !== 'synthetic') dataBytes += size
  }
  return { usedBytes, codeBytes, dataBytes }
}
