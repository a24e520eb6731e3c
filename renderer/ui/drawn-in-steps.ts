import { createSignal, onCleanup, type Accessor } from 'solid-js'
import { firstFramePainted, nextTask } from './after-next-paint'

/**
 * Faces drawn per task once the first frame is painted: all those it held back (~250 at 1440×900
 * with 300 in the hallway) in one task made a long one; 30 are a few milliseconds of script.
 */
const FACES_PER_STEP = 30

/**
 * Raises a limit from `from` by `step` a task (`set` each time) until it covers `wanted()`, read
 * afresh each step; then sets Infinity, so what comes later is drawn at once. Returns a stop.
 */
export function stepUp(from: number, wanted: () => number, set: (limit: number) => void, step = FACES_PER_STEP, post: (run: () => void) => void = nextTask): () => void {
  let stopped = false
  const raise = (limit: number) => {
    if (stopped) return
    if (limit >= wanted()) return set(Infinity)
    set(limit)
    post(() => raise(limit + step))
  }
  post(() => raise(from + step))
  return () => (stopped = true)
}

/**
 * How many of a list to draw: `firstFrame()` (null: all) until the page's first frame is painted,
 * then a few more a task until all `wanted()` are drawn.
 */
export function drawnInSteps(firstFrame: () => number | null, wanted: () => number): Accessor<number> {
  const [stepped, setStepped] = createSignal<number | null>(null)
  let stop: (() => void) | undefined
  onCleanup(() => stop?.())
  return () => {
    const first = firstFrame()
    if (first === null) return Infinity
    if (!firstFramePainted()) return first
    stop ??= stepUp(first, wanted, setStepped)
    return stepped() ?? first
  }
}
