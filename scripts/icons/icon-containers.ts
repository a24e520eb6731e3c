// The Windows .ico and macOS .icns containers, both holding PNG images (Windows Vista and later,
// macOS 10.7 and later read PNG entries), so no bitmap conversion is needed.

export interface SizedPng {
  size: number
  png: Buffer
}

/** ICO: a 6-byte header, a 16-byte directory entry per image, then the images. */
export function encodeIco(images: readonly SizedPng[]): Buffer {
  const header = Buffer.alloc(6)
  header.writeUInt16LE(0, 0) // reserved
  header.writeUInt16LE(1, 2) // type: icon
  header.writeUInt16LE(images.length, 4)
  let dataOffset = 6 + 16 * images.length
  const entries = images.map(({ size, png }) => {
    if (size > 256) throw new Error(`encodeIco: ${size} px is larger than an icon entry can be (256)`)
    const entry = Buffer.alloc(16)
    entry[0] = size === 256 ? 0 : size // 0 means 256
    entry[1] = size === 256 ? 0 : size
    entry.writeUInt16LE(1, 4) // colour planes
    entry.writeUInt16LE(32, 6) // bits per pixel
    entry.writeUInt32LE(png.length, 8)
    entry.writeUInt32LE(dataOffset, 12)
    dataOffset += png.length
    return entry
  })
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)])
}

/** The icns element type holding a PNG of this many pixels per side (the @2x types reuse sizes). */
export const icnsTypes: ReadonlyArray<readonly [type: string, size: number]> = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32], // 16@2x
  ['ic12', 64], // 32@2x
  ['ic07', 128],
  ['ic08', 256],
  ['ic13', 256], // 128@2x
  ['ic09', 512],
  ['ic14', 512], // 256@2x
  ['ic10', 1024], // 512@2x
]

/** ICNS: 'icns' and the total length, then per image its 4-char type, its length (8 + data) and the PNG. */
export function encodeIcns(pngOfSize: (size: number) => Buffer): Buffer {
  const elements = icnsTypes.map(([type, size]) => {
    const png = pngOfSize(size)
    const head = Buffer.alloc(8)
    head.write(type, 0, 'ascii')
    head.writeUInt32BE(8 + png.length, 4)
    return Buffer.concat([head, png])
  })
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'ascii')
  head.writeUInt32BE(8 + elements.reduce((total, element) => total + element.length, 0), 4)
  return Buffer.concat([head, ...elements])
}
