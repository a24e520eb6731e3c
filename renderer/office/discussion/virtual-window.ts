// Which messages of a long discussion to put in the DOM: those in view, plus a margin either side.
// Heights are measured once rendered; the rest are estimated from the measured ones, so the
// scrollbar stands for the whole discussion while only a window of it exists.

export interface VirtualWindow {
  /** First index rendered. */
  start: number
  /** One past the last index rendered. */
  end: number
  /** Height of the messages above the window, and below it. */
  before: number
  after: number
}

/** Running totals: `offsets[i]` is where message i starts; `offsets[count]` is the whole height. */
export function offsetsOf(ids: readonly string[], heights: ReadonlyMap<string, number>, estimate: number): Float64Array {
  const offsets = new Float64Array(ids.length + 1)
  for (let i = 0; i < ids.length; i++) offsets[i + 1] = offsets[i]! + (heights.get(ids[i]!) ?? estimate)
  return offsets
}

/** The first index whose message ends below `y`. */
function indexAt(offsets: Float64Array, y: number): number {
  let low = 0
  let high = offsets.length - 1
  while (low < high) {
    const mid = (low + high) >> 1
    if (offsets[mid + 1]! <= y) low = mid + 1
    else high = mid
  }
  return low
}

export function windowOf(offsets: Float64Array, scrollTop: number, viewportHeight: number, overscanPx: number): VirtualWindow {
  const count = offsets.length - 1
  const total = offsets[count]!
  if (count === 0) return { start: 0, end: 0, before: 0, after: 0 }
  const start = Math.min(indexAt(offsets, Math.max(0, scrollTop - overscanPx)), count - 1)
  const end = Math.min(count, indexAt(offsets, scrollTop + viewportHeight + overscanPx) + 1)
  return { start, end, before: offsets[start]!, after: total - offsets[end]! }
}

/** The average measured height stands in for the unmeasured (a fixed guess until something is measured). */
export function estimateOf(heights: ReadonlyMap<string, number>, fallback: number): number {
  if (heights.size === 0) return fallback
  let sum = 0
  for (const height of heights.values()) sum += height
  return sum / heights.size
}
