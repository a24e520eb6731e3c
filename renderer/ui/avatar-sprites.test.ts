import { describe, expect, it } from 'vitest'
import { AVATAR_SPRITE_COUNT } from '../../shared/model/schema'
import { spriteUrl } from './avatar-sprites'

/** Which sprite a URL draws: its file name in a build (avatar-N-hash.svg), its inlined text under test (id="sprite-N"). */
const spriteOf = (url: string) => Number(/avatar-(\d+)/.exec(url)?.[1] ?? /id='sprite-(\d+)'/.exec(decodeURIComponent(url))?.[1])

describe('spriteUrl', () => {
  it('gives every sprite its own whole file (no atlas fragment), and wraps an index out of range as spriteAvatar does', () => {
    const urls = [...Array(AVATAR_SPRITE_COUNT).keys()].map(spriteUrl)
    expect(urls.map(spriteOf)).toEqual([...Array(AVATAR_SPRITE_COUNT).keys()])
    expect(urls.some((url) => url.includes('#avatar'))).toBe(false)
    expect(spriteUrl(AVATAR_SPRITE_COUNT + 3)).toBe(urls[3])
    expect(spriteUrl(-1)).toBe(urls[AVATAR_SPRITE_COUNT - 1])
  })
})
