import { describe, expect, it } from 'vitest'
import { seededRandom } from './seeded-random'

const draw = (seed: number, count: number) => {
  const random = seededRandom(seed)
  return Array.from({ length: count }, () => random())
}

describe('seeded random numbers', () => {
  it('draws the same numbers from the same seed, so a seeded run replays', () => {
    expect(draw(20261124, 50)).toEqual(draw(20261124, 50))
  })

  it('draws mulberry32 numbers: the avatar atlas and recorded fuzz seeds keep their meaning', () => {
    expect(draw(20261124, 3)).toEqual([0.18385627632960677, 0.9644887810572982, 0.6337561893742532])
    expect(draw(0x4a11, 3)).toEqual([0.14045212208293378, 0.3848777678795159, 0.7315730592235923])
  })

  it('draws different numbers from different seeds, each in [0, 1)', () => {
    const numbers = draw(1, 1000)
    expect(numbers).not.toEqual(draw(2, 1000))
    for (const n of numbers) {
      expect(n).toBeGreaterThanOrEqual(0)
      expect(n).toBeLessThan(1)
    }
    expect(new Set(numbers).size).toBe(1000)
  })
})
