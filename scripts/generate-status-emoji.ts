import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { STATUS_EMOJI, type StatusEmojiId } from '../shared/model/status-emoji'
import { rasteriseSvg } from './rasterise-svg'

/**
 * Generates resources/status-emoji/emoji-ID.svg: one flat drawing per status symbol, 32×32, one
 * file each, so a status looks the same on machines without an emoji font. One file per symbol,
 * not an atlas with a <view> per symbol: Chromium draws an atlas's whole document for every badge
 * showing a fragment of it, as it did for the avatars (scripts/generate-avatars.ts).
 */

export const EMOJI_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../resources/status-emoji')
export const emojiFileName = (id: StatusEmojiId) => `emoji-${id}.svg`
export const EMOJI_SIZE = 32
/** The PNGs the app shows (rasterise-svg.ts), twice the largest size a symbol is drawn at (16 px). */
export const EMOJI_RASTER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../resources/status-emoji-raster')
export const emojiRasterFileName = (id: StatusEmojiId) => `emoji-${id}.png`
export const EMOJI_RASTER_SIZE = 32

const ink = '#3a3542'
/** The outline most drawings share, as one class so each file stays small. */
const line = 'class="l"'

/** Drawings in a 32×32 box; the type makes a new symbol in the catalogue fail to build until drawn. */
export const GLYPHS: Record<StatusEmojiId, string> = {
  calendar:
    `<rect x="5" y="7" width="22" height="20" rx="3" fill="#fff" ${line}/><path d="M5 13H27" ${line}/><rect x="6" y="8" width="20" height="4" fill="#e5534b"/>` +
    `<path d="M11 4V9M21 4V9" ${line}/><rect x="10" y="17" width="4" height="3" fill="${ink}"/><rect x="18" y="21" width="4" height="3" fill="#e5534b"/>`,
  focus: `<circle cx="16" cy="16" r="12" fill="#fff" ${line}/><circle cx="16" cy="16" r="7.5" fill="#e5534b"/><circle cx="16" cy="16" r="3.5" fill="#fff"/><circle cx="16" cy="16" r="1.5" fill="${ink}"/>`,
  headphones:
    `<path d="M6 19V15A10 10 0 0 1 26 15V19" fill="none" ${line}/>` +
    `<rect x="4" y="17" width="7" height="10" rx="3" fill="#5b6cf0" ${line}/><rect x="21" y="17" width="7" height="10" rx="3" fill="#5b6cf0" ${line}/>`,
  coffee:
    `<path d="M6 12H22V21A6 6 0 0 1 16 27H12A6 6 0 0 1 6 21Z" fill="#fff" ${line}/><path d="M22 14H24A3 3 0 0 1 24 20H22" fill="none" ${line}/>` +
    `<path d="M8 14H20V20A4 4 0 0 1 16 24H12A4 4 0 0 1 8 20Z" fill="#8a5a3c"/><path d="M11 4Q9 6 11 8M16 3Q14 5 16 7" fill="none" stroke="#9aa0a6" stroke-width="1.6" stroke-linecap="round"/>`,
  lunch:
    `<circle cx="17" cy="17" r="10" fill="#fff" ${line}/><circle cx="17" cy="17" r="6" fill="#f3c969"/>` +
    `<path d="M4 5V12M2 5V10Q2 12 4 12Q6 12 6 10V5M4 12V27" fill="none" stroke="${ink}" stroke-width="1.6" stroke-linecap="round"/>` +
    `<path d="M30 5Q27 8 28 15H30V27" fill="none" stroke="${ink}" stroke-width="1.6" stroke-linecap="round"/>`,
  bus:
    `<rect x="6" y="4" width="20" height="21" rx="4" fill="#f3b63f" ${line}/><rect x="9" y="8" width="14" height="7" rx="1" fill="#cfe8ff"/>` +
    `<circle cx="11" cy="20" r="1.6" fill="${ink}"/><circle cx="21" cy="20" r="1.6" fill="${ink}"/><path d="M10 25V28M22 25V28" ${line}/>`,
  train:
    `<rect x="7" y="3" width="18" height="21" rx="5" fill="#4fa37a" ${line}/><rect x="10" y="7" width="12" height="7" rx="1" fill="#cfe8ff"/>` +
    `<circle cx="12" cy="19" r="1.6" fill="#fff"/><circle cx="20" cy="19" r="1.6" fill="#fff"/><path d="M10 24L7 29M22 24L25 29M9 27H23" ${line}/>`,
  plane:
    `<path d="M16 3Q18 3 18 7V13L28 19V22L18 19V25L21 27V29L16 28L11 29V27L14 25V19L4 22V19L14 13V7Q14 3 16 3Z" fill="#dfe7fd" ${line}/>`,
  house:
    `<path d="M4 15L16 5L28 15" fill="none" ${line}/><path d="M7 13V27H25V13" fill="#fff1c1" ${line}/>` +
    `<rect x="13" y="18" width="6" height="9" fill="#c0623f"/><path d="M4 15L16 5L28 15" fill="none" stroke="#c0623f" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/>`,
  palm:
    `<path d="M16 12Q14 20 17 28" fill="none" stroke="#8a5a3c" stroke-width="3" stroke-linecap="round"/>` +
    `<path d="M16 12Q9 5 3 10Q10 8 16 12Q12 4 17 2Q16 8 16 12Q22 4 29 8Q22 8 16 12Q25 12 27 19Q21 13 16 12Z" fill="#3fa37a"/><path d="M6 28H26" ${line}/>`,
  sick:
    `<circle cx="14" cy="16" r="11" fill="#a8d08d" ${line}/><path d="M9 14H12M16 14H19" ${line}/><path d="M10 21Q14 19 18 21" fill="none" ${line}/>` +
    `<path d="M20 22L29 13" stroke="${ink}" stroke-width="4" stroke-linecap="round"/><path d="M20 22L29 13" stroke="#fff" stroke-width="2" stroke-linecap="round"/><circle cx="20" cy="22" r="2" fill="#e5534b"/>`,
  moon: `<path d="M20 4A12 12 0 1 0 28 22A10 10 0 0 1 20 4Z" fill="#f3c969" ${line}/><circle cx="26" cy="7" r="1.3" fill="${ink}"/><circle cx="28" cy="13" r="1" fill="${ink}"/>`,
  sun:
    `<circle cx="16" cy="16" r="7" fill="#f3c969" ${line}/>` +
    `<path d="M16 2V5M16 27V30M2 16H5M27 16H30M6 6L8 8M24 24L26 26M26 6L24 8M8 24L6 26" stroke="#e6a23c" stroke-width="2.4" stroke-linecap="round"/>`,
  phone:
    `<path d="M7 4H11L13 10L10 12Q12 18 20 22L22 19L28 21V25Q28 28 25 28Q6 26 4 7Q4 4 7 4Z" fill="#4fa37a" ${line}/>`,
  video: `<rect x="3" y="9" width="18" height="14" rx="3" fill="#5b6cf0" ${line}/><path d="M21 14L29 10V22L21 18Z" fill="#5b6cf0" ${line}/><circle cx="9" cy="14" r="2" fill="#fff"/>`,
  chat:
    `<path d="M5 6H27Q29 6 29 8V20Q29 22 27 22H14L8 27V22H5Q3 22 3 20V8Q3 6 5 6Z" fill="#fff" ${line}/>` +
    `<circle cx="10" cy="14" r="1.7" fill="${ink}"/><circle cx="16" cy="14" r="1.7" fill="${ink}"/><circle cx="22" cy="14" r="1.7" fill="${ink}"/>`,
  laptop: `<rect x="6" y="7" width="20" height="14" rx="2" fill="#cfe8ff" ${line}/><path d="M2 25H30L28 21H4Z" fill="#b8bcc6" ${line}/>`,
  pencil:
    `<path d="M21 4L28 11L12 27L4 28L5 20Z" fill="#f3c969" ${line}/><path d="M5 20L12 27" ${line}/><path d="M18 7L25 14" ${line}/>` +
    `<path d="M4 28L5 24L8 27Z" fill="${ink}"/>`,
  book:
    `<path d="M16 8Q10 4 3 6V26Q10 24 16 28Q22 24 29 26V6Q22 4 16 8Z" fill="#fff" ${line}/><path d="M16 8V28" ${line}/>` +
    `<path d="M7 11Q10 10 13 11M7 15Q10 14 13 15M19 11Q22 10 25 11M19 15Q22 14 25 15" fill="none" stroke="#9aa0a6" stroke-width="1.4" stroke-linecap="round"/>`,
  bug:
    `<path d="M9 12L4 9M9 18H3M9 23L4 27M23 12L28 9M23 18H29M23 23L28 27M13 8L10 4M19 8L22 4" ${line}/>` +
    `<ellipse cx="16" cy="18" rx="8" ry="10" fill="#e5534b" ${line}/><path d="M16 9V28" ${line}/><circle cx="12" cy="16" r="1.6" fill="${ink}"/><circle cx="20" cy="21" r="1.6" fill="${ink}"/>`,
  rocket:
    `<path d="M16 2Q24 9 21 22H11Q8 9 16 2Z" fill="#fff" ${line}/><circle cx="16" cy="12" r="3" fill="#5b6cf0" ${line}/>` +
    `<path d="M11 17L6 23L11 22ZM21 17L26 23L21 22Z" fill="#e5534b" ${line}/><path d="M13 24Q16 31 19 24Z" fill="#f3b63f"/>`,
  check: `<circle cx="16" cy="16" r="13" fill="#3fa37a"/><path d="M9 16L14 21L23 11" fill="none" stroke="#fff" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round"/>`,
  clock: `<circle cx="16" cy="16" r="12" fill="#fff" ${line}/><path d="M16 9V16L21 19" fill="none" ${line}/><circle cx="16" cy="16" r="1.5" fill="${ink}"/>`,
  pause: `<circle cx="16" cy="16" r="13" fill="#9aa0a6"/><rect x="11" y="9" width="3.5" height="14" rx="1" fill="#fff"/><rect x="17.5" y="9" width="3.5" height="14" rx="1" fill="#fff"/>`,
  star: `<path d="M16 3L19.8 11.2L28.5 12.1L22 18L23.8 26.8L16 22.3L8.2 26.8L10 18L3.5 12.1L12.2 11.2Z" fill="#f3c969" ${line}/>`,
  heart: `<path d="M16 28Q3 19 3 11Q3 5 9 5Q13 5 16 9Q19 5 23 5Q29 5 29 11Q29 19 16 28Z" fill="#e5534b" ${line}/>`,
  gym:
    `<path d="M9 16H23" stroke="${ink}" stroke-width="3" stroke-linecap="round"/>` +
    `<rect x="3" y="10" width="4" height="12" rx="1.5" fill="#5b6cf0" ${line}/><rect x="7" y="8" width="4" height="16" rx="1.5" fill="#5b6cf0" ${line}/>` +
    `<rect x="21" y="8" width="4" height="16" rx="1.5" fill="#5b6cf0" ${line}/><rect x="25" y="10" width="4" height="12" rx="1.5" fill="#5b6cf0" ${line}/>`,
  party:
    `<path d="M4 28L11 9L23 21Z" fill="#f3b63f" ${line}/><path d="M7 20L14 25M9 14L19 22" stroke="#e5534b" stroke-width="2"/>` +
    `<circle cx="22" cy="6" r="1.8" fill="#5b6cf0"/><circle cx="27" cy="13" r="1.8" fill="#3fa37a"/><circle cx="17" cy="4" r="1.4" fill="#e5534b"/>` +
    `<path d="M20 12Q23 8 27 9" fill="none" stroke="#b06ad9" stroke-width="2" stroke-linecap="round"/>`,
}

/** One symbol as a standalone SVG file's text. */
export function renderEmojiFile(id: StatusEmojiId): string {
  const size = EMOJI_SIZE
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">`,
    `<!-- Generated by scripts/generate-status-emoji.ts (npm run status-emoji). Do not edit by hand. -->`,
    `<style>.l{stroke:${ink};stroke-width:2;stroke-linecap:round;stroke-linejoin:round}</style>`,
    `<g id="glyph-${id}">${GLYPHS[id]}</g>`,
    `</svg>`,
    '',
  ].join('\n')
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const dir of [EMOJI_DIR, EMOJI_RASTER_DIR]) {
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
  }
  for (const { id } of STATUS_EMOJI) {
    const svg = renderEmojiFile(id)
    writeFileSync(join(EMOJI_DIR, emojiFileName(id)), svg)
    writeFileSync(join(EMOJI_RASTER_DIR, emojiRasterFileName(id)), rasteriseSvg(svg, EMOJI_RASTER_SIZE))
  }
  console.log(`wrote ${STATUS_EMOJI.length} status symbols to ${EMOJI_DIR}, and as PNGs to ${EMOJI_RASTER_DIR}`)
}
