import { describe, expect, it } from 'vitest'
import { AVATAR_SPRITE_COUNT } from '../../shared/model/schema'
import { spriteUrl } from './avatar-sprites'

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
