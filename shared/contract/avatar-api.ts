/** POST a WebP photo here (member token); GET `${AVATAR_PHOTOS_PATH}/<sha256>` serves it to anyone, cached for good. */
export const AVATAR_PHOTOS_PATH = '/api/avatars'

/** A photo is one atlas cell (64×64) as WebP: a few KB; the cap leaves room and refuses anything else. */
export const AVATAR_PHOTO_MAX_BYTES = 64 * 1024

export const AVATAR_PHOTO_TYPE = 'image/webp'

/**
 * The desktop app's own path for photos (`app://hallway/avatars/<sha256>`): main fetches them from
 * the server, so the office window needs neither the server's address nor a wider policy.
 */
export const APP_AVATAR_PHOTOS_PATH = '/avatars'

/** A RIFF container of type WEBP whose first chunk is a WebP bitstream, and whose RIFF size matches the bytes. */
export function isWebp(bytes: Uint8Array): boolean {
  if (bytes.length < 20) return false
  const ascii = (from: number) => String.fromCharCode(...bytes.subarray(from, from + 4))
  const riffSize = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true)
  return ascii(0) === 'RIFF' && ascii(8) === 'WEBP' && ['VP8 ', 'VP8L', 'VP8X'].includes(ascii(12)) && riffSize + 8 === bytes.length
}

/** What POST /api/avatars answers: the bytes' sha256 and the profile value that shows them (checked with avatar-api-schemas.ts). */
export interface AvatarUploadResponse {
  sha256: string
  avatar: string
}
