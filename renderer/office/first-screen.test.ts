import { describe, expect, it } from 'vitest'
import { FIRST_FRAME_FACES_MAX, firstFrameLimits } from './first-screen'

describe('firstFrameLimits', () => {
  it('holds back the hallway faces past the rows a 1440×900 window can show beside the rooms', () => {
    // 900 / 46 → 20 rows of 5.
    expect(firstFrameLimits({ innerWidth: 1440, innerHeight: 900 }, 300)).toEqual({ hallway: 100, offline: 0 })
  })

  it('gives the offline faces what the hallway leaves of the screen', () => {
    expect(firstFrameLimits({ innerWidth: 1440, innerHeight: 900 }, 30)).toEqual({ hallway: 100, offline: 70 })
  })

  it('draws at most FIRST_FRAME_FACES_MAX faces in the first frame, even where a hallway widened for a crowd shows more', () => {
    // 21 a row and 20 rows would be 420 on screen: the rest come in the tasks after the frame.
    expect(firstFrameLimits({ innerWidth: 1440, innerHeight: 900 }, 301, 21)).toEqual({ hallway: FIRST_FRAME_FACES_MAX, offline: 0 })
    expect(firstFrameLimits({ innerWidth: 1440, innerHeight: 900 }, 40, 21)).toEqual({ hallway: FIRST_FRAME_FACES_MAX, offline: FIRST_FRAME_FACES_MAX - 40 })
    expect(firstFrameLimits({ innerWidth: 2560, innerHeight: 1440 }, 300).hallway).toBe(FIRST_FRAME_FACES_MAX)
  })

  it('grows with a taller window, up to that most', () => {
    expect(firstFrameLimits({ innerWidth: 1440, innerHeight: 700 }, 300).hallway).toBe(5 * Math.ceil(700 / 46))
    expect(firstFrameLimits({ innerWidth: 1440, innerHeight: 700 }, 300, 6).hallway).toBe(6 * Math.ceil(700 / 46))
  })

  it('holds nothing back in a window narrow enough for the people to go under the rooms', () => {
    expect(firstFrameLimits({ innerWidth: 1000, innerHeight: 900 }, 300)).toEqual({ hallway: null, offline: null })
  })

  it('holds nothing back when the window has no size yet', () => {
    expect(firstFrameLimits({ innerWidth: 1440, innerHeight: 0 }, 300)).toEqual({ hallway: null, offline: null })
    expect(firstFrameLimits({ innerWidth: Number.NaN, innerHeight: 900 }, 300)).toEqual({ hallway: null, offline: null })
  })
})
