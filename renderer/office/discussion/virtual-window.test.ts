import { describe, expect, it } from 'vitest'
import { estimateOf, offsetsOf, windowOf } from './virtual-window'

const ids = Array.from({ length: 10_000 }, (_, i) => `m${i}`)

describe('virtual window', () => {
  it('keeps a bounded window of a 10,000-message discussion, whatever the scroll position', () => {
    const offsets = offsetsOf(ids, new Map(), 50)
    expect(offsets[10_000]).toBe(500_000)
    expect(windowOf(offsets, 0, 600, 200)).toEqual({ start: 0, end: 17, before: 0, after: 500_000 - 17 * 50 })
    const middle = windowOf(offsets, 250_000, 600, 200)
    expect(middle).toEqual({ start: 4996, end: 5017, before: 4996 * 50, after: 500_000 - 5017 * 50 })
    const bottom = windowOf(offsets, 500_000 - 600, 600, 200)
    expect(bottom.end).toBe(10_000)
    expect(bottom.after).toBe(0)
    expect(bottom.end - bottom.start).toBeLessThan(25)
  })

  it('places messages by their measured heights and estimates the rest', () => {
    const heights = new Map([
      ['m0', 120],
      ['m1', 30],
    ])
    const estimate = estimateOf(heights, 50)
    expect(estimate).toBe(75)
    const offsets = offsetsOf(ids.slice(0, 4), heights, estimate)
    expect([...offsets]).toEqual([0, 120, 150, 225, 300])
    // 130 px down is inside the second message.
    expect(windowOf(offsets, 130, 10, 0)).toEqual({ start: 1, end: 2, before: 120, after: 150 })
  })

  it('has nothing to show for an empty discussion', () => {
    expect(windowOf(offsetsOf([], new Map(), 50), 0, 600, 200)).toEqual({ start: 0, end: 0, before: 0, after: 0 })
  })
})
