import { AVATAR_SPRITE_COUNT } from '../../shared/model/schema'

// One file per sprite, each its own cacheable asset: an <img> of a fragment of one atlas made Chromium
// draw the whole atlas for every face on each paint (scripts/generate-avatars.ts says more). PNGs, not
// the SVG sources: an SVG <img> is painted as a document of its own every time (scripts/avatar-raster.ts).
const urls = import.meta.glob<string>('../../resources/avatars/raster/avatar-*.png', { query: '?url', import: 'default', eager: true })

/** The URL of sprite `index` (wrapped into range, like spriteAvatar). */
export function spriteUrl(index: number): string {
  const wrapped = ((index % AVATAR_SPRITE_COUNT) + AVATAR_SPRITE_COUNT) % AVATAR_SPRITE_COUNT
  return urls[`../../resources/avatars/raster/avatar-${wrapped}.png`]!
}
