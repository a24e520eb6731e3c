import { describe, expect, it } from 'vitest'
import { defaultBackoff, jitterDelay } from './jittered-socket'

describe('jitterDelay', () => {
  it('connects at once first, then spreads retries over a doubling, capped window', () => {
    const max = { ...defaultBackoff, random: () => 0.999999 }
    const min = { ...defaultBackoff, random: () => 0 }
    expect(jitterDelay(max, 0)).toBe(0)
    expect(jitterDelay(max, 1)).toBeCloseTo(1000, 0)
    expect(jitterDelay(max, 3)).toBeCloseTo(4000, 0)
    expect(jitterDelay(max, 20)).toBeCloseTo(defaultBackoff.capMs, 0)
    expect(jitterDelay(min, 5)).toBe(0)
  })
})
