// Writes resources/tray/tray.png (16 px) and tray@2x.png (32 px): a door in a rounded square.
// Run with `npx tsx scripts/generate-tray-icons.ts`; the output is committed.
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { encodePng } from './png-encoder'

export function trayIconPixels(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4)
  const radius = size * 0.22
  const inside = (x: number, y: number) => {
    const cx = Math.min(Math.max(x, radius), size - radius)
    const cy = Math.min(Math.max(y, radius), size - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2
  }
  const door = { left: size * 0.34, right: size * 0.66, top: size * 0.22, bottom: size * 0.84 }
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = x + 0.5
      const py = y + 0.5
      const i = (y * size + x) * 4
      if (!inside(px, py)) continue
      const inDoor = px >= door.left && px <= door.right && py >= door.top && py <= door.bottom
      const knob = Math.hypot(px - size * 0.58, py - size * 0.55) <= size * 0.05
      const [r, g, b] = inDoor && !knob ? [255, 255, 255] : [99, 91, 255]
      pixels.set([r, g, b, 255], i)
    }
  }
  return pixels
}

export function writeTrayIcons(dir: string): void {
  mkdirSync(dir, { recursive: true })
  writeFileSync(`${dir}/tray.png`, encodePng(16, 16, trayIconPixels(16)))
  writeFileSync(`${dir}/tray@2x.png`, encodePng(32, 32, trayIconPixels(32)))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeTrayIcons(fileURLToPath(new URL('../resources/tray', import.meta.url)))
