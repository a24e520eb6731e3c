import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AVATAR_RASTER_SIZE, AVATAR_SPRITE_COUNT } from '../shared/model/schema'
import { RASTER_DIR, rasterFileName, renderSprites, SPRITES_DIR, spriteFileName } from './generate-avatars'
import { pngSize, rasteriseSvg } from './rasterise-svg'

describe('avatar sprites', () => {
  const committed = readdirSync(SPRITES_DIR).sort()
  const files = [...Array(AVATAR_SPRITE_COUNT).keys()].map((index) => readFileSync(join(SPRITES_DIR, spriteFileName(index)), 'utf8'))

  it('are exactly what the generator produces, one file per sprite and no other (run `npm run avatars` after changing it)', () => {
    expect(committed).toEqual([...Array(AVATAR_SPRITE_COUNT).keys()].map(spriteFileName).sort())
    expect(files).toEqual(renderSprites())
  })

  it(`are ${AVATAR_SPRITE_COUNT} distinct drawings, each a standalone 64×64 SVG`, () => {
    const drawings = files.map((text) => /<g id="sprite-\d+" clip-path="url\(#tile\)">([^]*?)<\/g>/.exec(text)?.[1])
    expect(drawings.every((drawing) => drawing !== undefined && drawing.length > 0)).toBe(true)
    expect(new Set(drawings).size).toBe(AVATAR_SPRITE_COUNT)
    expect(files.every((text) => text.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">'))).toBe(true)
  })

  it(`each has its PNG, drawn from its SVG by the rasteriser, ${AVATAR_RASTER_SIZE} px square (run \`npm run avatars\` after changing it)`, () => {
    expect(readdirSync(RASTER_DIR).sort()).toEqual([...Array(AVATAR_SPRITE_COUNT).keys()].map(rasterFileName).sort())
    files.forEach((svg, index) => {
      const png = readFileSync(join(RASTER_DIR, rasterFileName(index)))
      expect(pngSize(png)).toEqual([AVATAR_RASTER_SIZE, AVATAR_RASTER_SIZE])
      expect(png.equals(rasteriseSvg(svg, AVATAR_RASTER_SIZE)), rasterFileName(index)).toBe(true)
    })
  })
})
