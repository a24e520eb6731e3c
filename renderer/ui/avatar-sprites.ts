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
 * Both sizes of sprite `index` as an <img> srcset, for `sizes` of the face's CSS size: the screen takes
 * the smaller file wherever it covers the face's device pixels. Each sprite a reload shows is decoded
 * before its first frame is presented, and the 128 px file, drawn at 32 px, cost four times the decoding.
 */
export function spriteSrcset(index: number): string {
  return `${smallUrls[`../../resources/avatars/raster-small/avatar-${wrap(index)}.png`]!} ${AVATAR_SMALL_RASTER_SIZE}w, ${spriteUrl(index)} ${AVATAR_RASTER_SIZE}w`
}
