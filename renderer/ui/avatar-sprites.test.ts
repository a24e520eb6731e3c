import { describe, expect, it } from 'vitest'
import { AVATAR_SPRITE_COUNT } from '../../shared/model/schema'
import { spriteSrcset, spriteUrl } from './avatar-sprites'

/** Which sprite a URL draws: its file name (avatar-N.png, hashed in a build). */
const spriteOf = (url: string) => Number(/avatar-(\d+)[^/]*\.png$/.exec(url)?.[1])

describe('spriteUrl', () => {
  it('gives every sprite its own whole PNG (no atlas fragment, no SVG document to paint), and wraps an index out of range as spriteAvatar does', () => {
    const urls = [...Array(AVATAR_SPRITE_COUNT).keys()].map(spriteUrl)
    expect(urls.map(spriteOf)).toEqual([...Array(AVATAR_SPRITE_COUNT).keys()])
    expect(urls.some((url) => url.includes('#avatar'))).toBe(false)
    expect(spriteUrl(AVATAR_SPRITE_COUNT + 3)).toBe(urls[3])
    expect(spriteUrl(-1)).toBe(urls[AVATAR_SPRITE_COUNT - 1])
  })
})

describe('spriteSrcset', () => {
  const candidates = (index: number, size: number) => spriteSrcset(index, size)!.split(', ').map((candidate) => candidate.split(' '))

  it("offers a face of 32 px or less the sprite's 64 px file and its 128 px one (the src), by width, wrapping the index as spriteUrl does", () => {
    const [[small, smallWidth], [large, largeWidth]] = candidates(5, 32) as [[string, string], [string, string]]
    expect([spriteOf(small), smallWidth, large, largeWidth]).toEqual([5, '64w', spriteUrl(5), '128w'])
    expect(small).toContain('/raster-small/')
    expect(spriteSrcset(AVATAR_SPRITE_COUNT + 5, 32)).toBe(spriteSrcset(5, 32))
    expect(spriteSrcset(5, 16)).toBe(spriteSrcset(5, 32))
    expect(new Set([...Array(AVATAR_SPRITE_COUNT).keys()].map((index) => candidates(index, 32)[0]![0])).size).toBe(AVATAR_SPRITE_COUNT)
  })

  it('offers nothing past 32 px (34, 44, 64), or for a size that is not a number: the 128 px src alone serves them', () => {
    for (const size of [33, 34, 44, 64, Number.NaN]) expect(spriteSrcset(5, size)).toBeUndefined()
  })
})
