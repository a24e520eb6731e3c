import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { STATUS_EMOJI } from '../shared/model/status-emoji'
import { EMOJI_DIR, EMOJI_RASTER_DIR, EMOJI_RASTER_SIZE, EMOJI_SIZE, emojiFileName, emojiRasterFileName, renderEmojiFile } from './generate-status-emoji'
import { pngSize, rasteriseSvg } from './rasterise-svg'

describe('status emoji files', () => {
  const ids = STATUS_EMOJI.map((e) => e.id)
  const files = ids.map((id) => readFileSync(join(EMOJI_DIR, emojiFileName(id)), 'utf8'))

  it('are exactly what the generator produces, one file per shipped symbol and no other (run `npm run status-emoji` after changing it)', () => {
    expect(readdirSync(EMOJI_DIR).sort()).toEqual(ids.map(emojiFileName).sort())
    expect(files).toEqual(ids.map(renderEmojiFile))
  })

  it(`draw every shipped symbol once, distinct, each a standalone ${EMOJI_SIZE}×${EMOJI_SIZE} SVG with no fragment views`, () => {
    const drawings = files.map((text, index) => new RegExp(`<g id="glyph-${ids[index]}">(.+?)</g>\\n`).exec(text)?.[1])
    expect(drawings.every((drawing) => drawing !== undefined && drawing.length > 0)).toBe(true)
    expect(new Set(drawings).size).toBe(ids.length)
    const opening = `<svg xmlns="http://www.w3.org/2000/svg" width="${EMOJI_SIZE}" height="${EMOJI_SIZE}" viewBox="0 0 ${EMOJI_SIZE} ${EMOJI_SIZE}">`
    expect(files.every((text) => text.startsWith(opening) && !text.includes('<view'))).toBe(true)
  })

  it('stay small enough to ship with the app (about a KB each, no embedded images or scripts)', () => {
    for (const text of files) {
      expect(Buffer.byteLength(text)).toBeLessThan(1536)
      expect(text).not.toMatch(/<image|<script|href=/)
    }
  })

  it(`each has its PNG, drawn from its SVG by the rasteriser, ${EMOJI_RASTER_SIZE} px square (run \`npm run status-emoji\` after changing it)`, () => {
    expect(readdirSync(EMOJI_RASTER_DIR).sort()).toEqual(ids.map(emojiRasterFileName).sort())
    files.forEach((svg, index) => {
      const png = readFileSync(join(EMOJI_RASTER_DIR, emojiRasterFileName(ids[index]!)))
      expect(pngSize(png)).toEqual([EMOJI_RASTER_SIZE, EMOJI_RASTER_SIZE])
      expect(png.equals(rasteriseSvg(svg, EMOJI_RASTER_SIZE)), emojiRasterFileName(ids[index]!)).toBe(true)
    })
  })
})
