// The one drawing every Hallway icon comes from: a door in a rounded square. Sampled per pixel at
// any size, so the 16 px tray icon and the 1024 px app icon are the same shape.

/** colour: the brand square with a white door; template: macOS menu-bar style, black where the square is, the door cut out. */
export type MarkStyle = 'colour' | 'template'

const brand: readonly [number, number, number] = [99, 91, 255]
const white: readonly [number, number, number] = [255, 255, 255]

/**
 * RGBA pixels (row-major) of the mark at `size` px. `margin` is the empty border as a share of the
 * size: app icons leave room around the square as the platforms' icon grids expect.
 */
export function hallwayMark(size: number, style: MarkStyle = 'colour', margin = 0): Uint8Array {
  const pixels = new Uint8Array(size * size * 4)
  const offset = size * margin
  const side = size - 2 * offset
  const radius = side * 0.22
  const insideSquare = (x: number, y: number) => {
    const cx = Math.min(Math.max(x, radius), side - radius)
    const cy = Math.min(Math.max(y, radius), side - radius)
    return x >= 0 && y >= 0 && x <= side && y <= side && (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2
  }
  const door = { left: side * 0.34, right: side * 0.66, top: side * 0.22, bottom: side * 0.84 }
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = x + 0.5 - offset
      const py = y + 0.5 - offset
      if (!insideSquare(px, py)) continue
      const inDoor = px >= door.left && px <= door.right && py >= door.top && py <= door.bottom
      const knob = Math.hypot(px - side * 0.58, py - side * 0.55) <= side * 0.05
      const doorPixel = inDoor && !knob
      const i = (y * size + x) * 4
      if (style === 'template') {
        if (!doorPixel) pixels.set([0, 0, 0, 255], i)
      } else {
        pixels.set([...(doorPixel ? white : brand), 255], i)
      }
    }
  }
  return pixels
}
