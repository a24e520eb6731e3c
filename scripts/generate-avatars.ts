import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { AVATAR_RASTER_SIZE, AVATAR_SPRITE_COUNT, AVATAR_SPRITE_SIZE } from '../shared/model/schema'
import { seededRandom } from '../shared/model/seeded-random'
import { rasteriseSvg } from './rasterise-svg'

/**
 * Generates resources/avatars/sprites/avatar-N.svg: AVATAR_SPRITE_COUNT distinct cartoon faces,
 * each AVATAR_SPRITE_SIZE square, one file each, and the PNG of each the app shows
 * (resources/avatars/raster/avatar-N.png, AVATAR_RASTER_SIZE square: see rasterise-svg.ts). Seeded, so the output never drifts. One file per
 * face, not an atlas with a <view> per face: Chromium draws an atlas's whole document for every
 * <img> of a fragment, which made painting an office of a few hundred faces cost ~150 ms.
 */

export const SPRITES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../resources/avatars/sprites')
export const spriteFileName = (index: number) => `avatar-${index}.svg`
export const RASTER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../resources/avatars/raster')
export const rasterFileName = (index: number) => `avatar-${index}.png`
const SEED = 0x4a11

const backgrounds = ['#fde2e4', '#e2ece9', '#dfe7fd', '#fff1c1', '#e8dff5', '#d7f3f1', '#fcd5ce', '#e4f1c4', '#f0e6d8', '#d3e4f6', '#f9dcef', '#dcedc1']
const skins = ['#f8d5b8', '#eec39a', '#d9a066', '#b97a4c', '#8d5a3b', '#5c3a24']
const hairColours = ['#2b1d14', '#5a3825', '#a0522d', '#d8a13a', '#e5e1da', '#b7410e', '#3b3b6d']
const faceShapes = ['round', 'oval', 'square'] as const
const hairStyles = ['bald', 'short', 'long', 'bun', 'spiky', 'curly', 'mohawk', 'fringe'] as const
const eyeStyles = ['dots', 'ovals', 'happy', 'glasses', 'wink', 'sleepy'] as const
const mouths = ['smile', 'grin', 'flat', 'oh', 'smirk'] as const

export interface AvatarFeatures {
  background: string
  skin: string
  hair: string
  face: (typeof faceShapes)[number]
  hairStyle: (typeof hairStyles)[number]
  eyes: (typeof eyeStyles)[number]
  mouth: (typeof mouths)[number]
  blush: boolean
}

/** Picks features for every sprite; a combination already used is drawn again. */
export function pickFeatures(count = AVATAR_SPRITE_COUNT, seed = SEED): AvatarFeatures[] {
  const random = seededRandom(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const seen = new Set<string>()
  const out: AvatarFeatures[] = []
  while (out.length < count) {
    const features: AvatarFeatures = {
      // Backgrounds cycle so neighbours in a room never share a colour by chance.
      background: backgrounds[out.length % backgrounds.length]!,
      skin: pick(skins),
      hair: pick(hairColours),
      face: pick(faceShapes),
      hairStyle: pick(hairStyles),
      eyes: pick(eyeStyles),
      mouth: pick(mouths),
      blush: random() < 0.4,
    }
    const key = JSON.stringify({ ...features, background: undefined })
    if (seen.has(key)) continue
    seen.add(key)
    out.push(features)
  }
  return out
}

function faceShape(f: AvatarFeatures): string {
  switch (f.face) {
    case 'round':
      return `<circle cx="32" cy="35" r="19" fill="${f.skin}"/>`
    case 'oval':
      return `<ellipse cx="32" cy="35" rx="17" ry="21" fill="${f.skin}"/>`
    case 'square':
      return `<rect x="14" y="16" width="36" height="38" rx="12" fill="${f.skin}"/>`
  }
}

/** Hair drawn behind the face (long hair falls past it). */
function hairBehind(f: AvatarFeatures): string {
  if (f.hairStyle === 'long') return `<rect x="11" y="16" width="42" height="42" rx="16" fill="${f.hair}"/>`
  if (f.hairStyle === 'bun') return `<circle cx="32" cy="11" r="8" fill="${f.hair}"/>`
  return ''
}

function hairFront(f: AvatarFeatures): string {
  const c = f.hair
  switch (f.hairStyle) {
    case 'bald':
      return ''
    case 'short':
    case 'bun':
    case 'long':
      return `<path d="M13 33 C13 14 51 14 51 33 C45 24 38 22 32 22 C26 22 19 24 13 33 Z" fill="${c}"/>`
    case 'spiky':
      return `<path d="M13 30 L16 14 L22 21 L26 10 L32 19 L38 10 L42 21 L48 14 L51 30 C44 23 20 23 13 30 Z" fill="${c}"/>`
    case 'curly':
      return [16, 23, 30, 37, 44, 48]
        .map((x, i) => `<circle cx="${x}" cy="${i % 2 ? 17 : 21}" r="7" fill="${c}"/>`)
        .join('')
    case 'mohawk':
      return `<path d="M27 24 L29 6 L35 6 L37 24 Z" fill="${c}"/>`
    case 'fringe':
      return `<path d="M13 28 C14 13 50 13 51 28 L46 27 L42 22 L38 27 L33 21 L28 27 L23 22 L18 27 Z" fill="${c}"/>`
  }
}

function eyes(f: AvatarFeatures): string {
  const ink = '#2d2a32'
  switch (f.eyes) {
    case 'dots':
      return `<circle cx="25" cy="35" r="2.5" fill="${ink}"/><circle cx="39" cy="35" r="2.5" fill="${ink}"/>`
    case 'ovals':
      return `<ellipse cx="25" cy="35" rx="2.2" ry="3.6" fill="${ink}"/><ellipse cx="39" cy="35" rx="2.2" ry="3.6" fill="${ink}"/>`
    case 'happy':
      return `<path d="M21 36 Q25 31 29 36 M35 36 Q39 31 43 36" stroke="${ink}" stroke-width="2.2" fill="none" stroke-linecap="round"/>`
    case 'glasses':
      return (
        `<g stroke="${ink}" stroke-width="1.8" fill="#ffffff" fill-opacity="0.35"><circle cx="25" cy="35" r="5.5"/><circle cx="39" cy="35" r="5.5"/></g>` +
        `<path d="M30.5 35 H33.5" stroke="${ink}" stroke-width="1.8"/>` +
        `<circle cx="25" cy="35" r="1.8" fill="${ink}"/><circle cx="39" cy="35" r="1.8" fill="${ink}"/>`
      )
    case 'wink':
      return `<circle cx="25" cy="35" r="2.5" fill="${ink}"/><path d="M35 35 H43" stroke="${ink}" stroke-width="2.2" stroke-linecap="round"/>`
    case 'sleepy':
      return `<path d="M21 34 Q25 38 29 34 M35 34 Q39 38 43 34" stroke="${ink}" stroke-width="2.2" fill="none" stroke-linecap="round"/>`
  }
}

function mouth(f: AvatarFeatures): string {
  const ink = '#7a2f3b'
  switch (f.mouth) {
    case 'smile':
      return `<path d="M26 44 Q32 50 38 44" stroke="${ink}" stroke-width="2.2" fill="none" stroke-linecap="round"/>`
    case 'grin':
      return `<path d="M25 43 H39 Q32 53 25 43 Z" fill="${ink}"/>`
    case 'flat':
      return `<path d="M27 46 H37" stroke="${ink}" stroke-width="2.2" stroke-linecap="round"/>`
    case 'oh':
      return `<ellipse cx="32" cy="46" rx="3" ry="3.6" fill="${ink}"/>`
    case 'smirk':
      return `<path d="M26 46 Q33 48 38 42" stroke="${ink}" stroke-width="2.2" fill="none" stroke-linecap="round"/>`
  }
}

/** One face as a standalone SVG file's text. */
export function renderSprite(index: number, f: AvatarFeatures): string {
  const size = AVATAR_SPRITE_SIZE
  const blush = f.blush
    ? `<circle cx="20" cy="42" r="3.2" fill="#f28b8b" fill-opacity="0.45"/><circle cx="44" cy="42" r="3.2" fill="#f28b8b" fill-opacity="0.45"/>`
    : ''
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">`,
    `<!-- Generated by scripts/generate-avatars.ts (npm run avatars). Do not edit by hand. -->`,
    `<defs><clipPath id="tile"><rect width="${size}" height="${size}" rx="14"/></clipPath></defs>`,
    `<g id="sprite-${index}" clip-path="url(#tile)">` +
      `<rect width="${size}" height="${size}" rx="14" fill="${f.background}"/>` +
      hairBehind(f) +
      faceShape(f) +
      hairFront(f) +
      eyes(f) +
      blush +
      mouth(f) +
      `</g>`,
    `</svg>`,
    '',
  ].join('\n')
}

/** Every face's file text, by index. */
export function renderSprites(): string[] {
  return pickFeatures().map((features, index) => renderSprite(index, features))
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const dir of [SPRITES_DIR, RASTER_DIR]) {
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
  }
  renderSprites().forEach((text, index) => {
    writeFileSync(join(SPRITES_DIR, spriteFileName(index)), text)
    writeFileSync(join(RASTER_DIR, rasterFileName(index)), rasteriseSvg(text, AVATAR_RASTER_SIZE))
  })
  console.log(`wrote ${AVATAR_SPRITE_COUNT} avatars to ${SPRITES_DIR}, and as PNGs to ${RASTER_DIR}`)
}
