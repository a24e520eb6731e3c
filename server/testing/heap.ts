// Heap figures for memory tests: a full collection without starting vitest under --expose-gc.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

setFlagsFromString('--expose-gc')
const fullGc = runInNewContext('gc') as () => void

/** Runs a full collection once the current job has ended (a WeakRef holds its target until then). */
export async function collectGarbage(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve))
  fullGc()
}

/** Heap in use after a full collection, in bytes. */
export async function heapUsedAfterGc(): Promise<number> {
  await collectGarbage()
  return process.memoryUsage().heapUsed
}
