import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { AVATAR_SPRITE_COUNT } from '../shared/model/schema'
import { ATLAS_PATH, renderAtlas } from './generate-avatars'

describe('avatar atlas', () => {
  const committed = readFileSync(ATLAS_PATH, 'utf8')

  it('is exactly what the generator produces (run `npm run avatars` after changing it)', () => {
    expect(committed).toBe(renderAtlas())
  })

  it(`holds ${AVATAR_SPRITE_COUNT} distinct sprites, each with a view to show it alone`, () => {
    const sprites = [...committed.matchAll(/<g id="sprite-(\d+)" transform="[^"]*"([^]*?)<\/g>\n/g)]
    expect(sprites.map((m) => Number(m[1]))).toEqual([...Array(AVATAR_SPRITE_COUNT).keys()])
    // Compare the drawing alone, without its position on the grid.
    expect(new Set(sprites.map((m) => m[2])).size).toBe(AVATAR_SPRITE_COUNT)

    const views = [...committed.matchAll(/<view id="avatar-(\d+)" viewBox="(\d+) (\d+) 64 64"\/>/g)]
    expect(views).toHaveLength(AVATAR_SPRITE_COUNT)
    expect(new Set(views.map((m) => `${m[2]},${m[3]}`)).size).toBe(AVATAR_SPRITE_COUNT)
  })
})
