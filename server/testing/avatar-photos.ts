// WebP bytes for the avatar photo tests (server routes, the web view's upload, the desktop relay).
import { createHash } from 'node:crypto'

/** A 1×1 lossless WebP, as browsers encode one. */
export const REAL_WEBP = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64')

/** A WebP container (RIFF, WEBP, one VP8L chunk) of exactly `size` bytes, its payload varied by `seed`. */
export function webpOfSize(size: number, seed = 1): Buffer {
  const bytes = Buffer.alloc(size)
  bytes.write('RIFF', 0, 'ascii')
  bytes.writeUInt32LE(size - 8, 4)
  bytes.write('WEBPVP8L', 8, 'ascii')
  bytes.writeUInt32LE(size - 20, 16)
  for (let i = 20; i < size; i++) bytes[i] = (i * seed) % 251
  return bytes
}

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
