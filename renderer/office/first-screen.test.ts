import { describe, expect, it } from 'vitest'
import { firstFrameLimits } from './first-screen'

describe('firstFrameLimits', () => {
  it('holds back the hallway faces past the rows a 1440×900 window can show beside the rooms', () => {
    // 900 / 46 → 20 rows of 5.
    expect(firstFrameLimits({ innerWidth: 1440, innerHeight: 900 }, 300)).toEqual({ hallway: 100, offline: 0 })
  })

  it('gives the offline faces what the hallway leaves of the screen', () => {
    expect(firstFrameLimits({ innerWidth: 1440, innerHeight: 900 }, 30)).toEqual({ hallway: 100, offline: 70 })
  })

  it('counts the rows of a hallway widened for a crowd: 301 people at 21 a row all come in the first frame', () => {
    expect(firstFrameLimits({ innerWidth: 1440, innerHeight: 900 }, 301, 21)).toEqual({ hallway: 420, offline: 119 })
  })

  it('grows with a taller window', () => {
    expect(firstFrameLimits({ innerWidth: 2560, innerHeight: 1440 }, 300).hallway).toBe(5 * Math.ceil(1440 / 46))
  })

  it('holds nothing back in a window narrow enough for the people to go under the rooms', () => {
    expect(firstFrameLimits({ innerWidth: 1000, innerHeight: 900 }, 300)).toEqual({ hallway: null, offline: null })
  })

  it('holds nothing back when the window has no size yet', () => {
    expect(firstFrameLimits({ innerWidth: 1440, innerHeight: 0 }, 300)).toEqual({ hallway: null, offline: null })
    expect(firstFrameLimits({ innerWidth: Number.NaN, innerHeight: 900 }, 300)).toEqual({ hallway: null, offline: null })
  })
})
