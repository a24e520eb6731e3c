import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { STATUS_EMOJI } from '../shared/model/status-emoji'
import { EMOJI_ATLAS_PATH, EMOJI_SIZE, renderEmojiAtlas } from './generate-status-emoji'

describe('status emoji atlas', () => {
  const committed = readFileSync(EMOJI_ATLAS_PATH, 'utf8')

  it('is exactly what the generator produces (run `npm run status-emoji` after changing it)', () => {
    expect(committed).toBe(renderEmojiAtlas())
  })

  it('draws every shipped symbol once, distinct, each with a view of its own tile to show it alone', () => {
    const ids = STATUS_EMOJI.map((e) => e.id)
    const glyphs = [...committed.matchAll(/<g id="glyph-([a-z]+)" transform="[^"]*">(.*?)<\/g>\n/g)]
    expect(glyphs.map((m) => m[1])).toEqual(ids)
    expect(new Set(glyphs.map((m) => m[2])).size).toBe(ids.length)

    const views = [...committed.matchAll(/<view id="emoji-([a-z]+)" viewBox="(\d+) (\d+) (\d+) (\d+)"\/>/g)]
    expect(views.map((m) => m[1])).toEqual(ids)
    expect(views.every((m) => Number(m[4]) === EMOJI_SIZE && Number(m[5]) === EMOJI_SIZE)).toBe(true)
    expect(new Set(views.map((m) => `${m[2]},${m[3]}`)).size).toBe(ids.length)
  })

  it('stays small enough to ship with the app (a few KB, no embedded images or scripts)', () => {
    expect(Buffer.byteLength(committed)).toBeLessThan(12 * 1024)
    expect(committed).not.toMatch(/<image|<script|href=/)
  })
})
