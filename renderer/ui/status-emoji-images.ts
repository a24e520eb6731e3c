import type { StatusEmojiId } from '../../shared/model/status-emoji'

// One file per symbol, each its own cacheable asset: a badge showing a fragment of one atlas made
// Chromium draw the whole atlas for every badge on each paint (scripts/generate-status-emoji.ts). PNGs,
// not the SVG sources: an SVG image is painted as a document of its own every time (scripts/rasterise-svg.ts).
const urls = import.meta.glob<string>('../../resources/status-emoji-raster/emoji-*.png', { query: '?url', import: 'default', eager: true })

/** The URL of a shipped symbol's own file. */
export function statusEmojiUrl(id: StatusEmojiId): string {
  return urls[`../../resources/status-emoji-raster/emoji-${id}.png`]!
}
