// Writes every Hallway icon from the one drawing in hallway-mark.ts: the tray icons (colour, and
// macOS template images) in resources/tray, the app icons in build/ (icon.png, icons/NxN.png for
// Linux, icon.ico, icon.icns). Run with `npx tsx scripts/icons/generate-icons.ts`; the output is committed.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { hallwayMark } from './hallway-mark'
import { encodeIcns, encodeIco } from './icon-containers'
import { encodePng } from './png-encoder'

/** The app icon leaves this share of its side empty on each edge, as macOS's icon grid does. */
export const appIconMargin = 0.1
export const linuxIconSizes = [16, 32, 48, 64, 128, 256, 512] as const
export const icoSizes = [16, 24, 32, 48, 64, 128, 256] as const

export const trayIconFiles = {
  'tray.png': () => encodePng(16, 16, hallwayMark(16)),
  'tray@2x.png': () => encodePng(32, 32, hallwayMark(32)),
  'trayTemplate.png': () => encodePng(16, 16, hallwayMark(16, 'template')),
  'trayTemplate@2x.png': () => encodePng(32, 32, hallwayMark(32, 'template')),
} satisfies Record<string, () => Buffer>

export function appIconPng(size: number): Buffer {
  return encodePng(size, size, hallwayMark(size, 'colour', appIconMargin))
}

/** build/ paths (relative) and their contents. */
export function appIconFiles(): Record<string, Buffer> {
  const pngs = new Map<number, Buffer>()
  const png = (size: number) => pngs.get(size) ?? pngs.set(size, appIconPng(size)).get(size)!
  const files: Record<string, Buffer> = { 'icon.png': png(1024) }
  for (const size of linuxIconSizes) files[`icons/${size}x${size}.png`] = png(size)
  files['icon.ico'] = encodeIco(icoSizes.map((size) => ({ size, png: png(size) })))
  files['icon.icns'] = encodeIcns(png)
  return files
}

export function writeIcons(repoRoot: string): void {
  const trayDir = join(repoRoot, 'resources', 'tray')
  mkdirSync(trayDir, { recursive: true })
  for (const [name, draw] of Object.entries(trayIconFiles)) writeFileSync(join(trayDir, name), draw())
  const buildDir = join(repoRoot, 'build')
  mkdirSync(join(buildDir, 'icons'), { recursive: true })
  for (const [name, contents] of Object.entries(appIconFiles())) writeFileSync(join(buildDir, name), contents)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeIcons(fileURLToPath(new URL('../..', import.meta.url)))
