import { AVATAR_RASTER_SIZE, AVATAR_SMALL_RASTER_SIZE, AVATAR_SPRITE_COUNT } from '../../shared/model/schema'

// One file per sprite, each its own cacheable asset: an <img> of a fragment of one atlas made Chromium
// draw the whole atlas for every face on each paint (scripts/generate-avatars.ts says more). PNGs, not
// the SVG sources: an SVG <img> is painted as a document of its own every time (scripts/rasterise-svg.ts).
const urls = import.meta.glob<string>('../../resources/avatars/raster/avatar-*.png', { query: '?url', import: 'default', eager: true })
const smallUrls = import.meta.glob<string>('../../resources/avatars/raster-small/avatar-*.png', { query: '?url', import: 'default', eager: true })

const wrap = (index: number) => ((index % AVATAR_SPRITE_COUNT) + AVATAR_SPRITE_COUNT) % AVATAR_SPRITE_COUNT

/** The URL of sprite `index` (wrapped into range, like spriteAvatar). */
export function spriteUrl(index: number): string {
  return urls[`../../resources/avatars/raster/avatar-${wrap(index)}.png`]!
}

/**
 * For a face drawn at `cssSize` px: both sizes of sprite `index` as an <img> srcset (`sizes`: the CSS size), or
 * undefined where the 128 px file alone should serve. Each sprite a reload shows is decoded before its first
 * frame is presented, and the 128 px file at 32 px cost four times the decoding. Offered only to faces the
 * 64 px file covers at 2×: Chromium takes the smaller candidate until the screen's scale passes the geometric
 * mean of the two densities, so a 44 px face on a 2× screen would get the 64 px file (1.45×).
 */
export function spriteSrcset(index: number, cssSize: number): string | undefined {
  if (!(cssSize * 2 <= AVATAR_SMALL_RASTER_SIZE)) return undefined
  return `${smallUrls[`../../resources/avatars/raster-small/avatar-${wrap(index)}.png`]!} ${AVATAR_SMALL_RASTER_SIZE}w, ${spriteUrl(index)} ${AVATAR_RASTER_SIZE}w`
}
