import { createHash } from 'node:crypto'
import { APP_AVATAR_PHOTOS_PATH, AVATAR_PHOTOS_PATH, AVATAR_PHOTO_MAX_BYTES, AVATAR_PHOTO_TYPE } from '../../shared/contract/avatar-api'
import { avatarSha256Schema } from '../../shared/contract/avatar-api-schemas'
import type { ElectronApi } from './electron-api'

/** Photos kept in memory: at most this many × 64 KB (a photo is usually a few KB). */
const CACHED_PHOTOS = 256
/** A server that accepts the connection but never answers must not hold an <img> open for good. */
const FETCH_TIMEOUT_MS = 15_000

export interface AvatarPhotoRelayOptions {
  serverUrl: string
  log(message: string): void
}

/**
 * Serves app://hallway/avatars/<sha256> to the office window, which neither knows the server nor
 * may load from it (its policy allows images from 'self' and https only). Main fetches
 * `<server>/api/avatars/<sha256>` and hands on only a WebP of at most 64 KB whose bytes hash to the
 * name asked for; anything else is a 404, and the view shows the member's sprite. Content-addressed
 * bytes never change, so a photo served once is kept in memory.
 */
export function avatarPhotoRelay(electron: Pick<ElectronApi, 'net'>, options: AvatarPhotoRelayOptions) {
  const cached = new Map<string, Uint8Array>()
  const inFlight = new Map<string, Promise<Uint8Array | null>>()

  const remember = (sha256: string, bytes: Uint8Array) => {
    cached.set(sha256, bytes)
    if (cached.size > CACHED_PHOTOS) cached.delete(cached.keys().next().value!)
  }

  const fetchPhoto = async (sha256: string): Promise<Uint8Array | null> => {
    let response: Response
    try {
      response = await electron.net.fetch(new URL(`${AVATAR_PHOTOS_PATH}/${sha256}`, options.serverUrl).href, {
        redirect: 'error',
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      })
    } catch {
      return null
    }
    const refuse = (why: string) => {
      options.log(`main: avatar photo ${sha256} not shown: ${why}`)
      void response.body?.cancel().catch(() => {})
      return null
    }
    if (response.status === 404) return refuse('the server has no such photo')
    if (!response.ok) return refuse(`the server answered ${response.status}`)
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (type !== AVATAR_PHOTO_TYPE) return refuse(`it came as ${type || 'no type'}, not ${AVATAR_PHOTO_TYPE}`)
    if (Number(response.headers.get('content-length') ?? 0) > AVATAR_PHOTO_MAX_BYTES) return refuse('it is larger than 64 KB')
    const bytes = await readCapped(response, AVATAR_PHOTO_MAX_BYTES).catch(() => null)
    if (bytes === 'too-large') return refuse('it is larger than 64 KB')
    if (!bytes) return null
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) return refuse('its bytes do not match its name')
    remember(sha256, bytes)
    return bytes
  }

  const photo = (sha256: string): Promise<Uint8Array | null> => {
    const hit = cached.get(sha256)
    if (hit) return Promise.resolve(hit)
    let pending = inFlight.get(sha256)
    if (!pending) {
      pending = fetchPhoto(sha256).finally(() => inFlight.delete(sha256))
      inFlight.set(sha256, pending)
    }
    return pending
  }

  /** Answers a request for app://hallway/avatars/<sha256>; the caller has checked the origin. */
  return async (request: Request): Promise<Response> => {
    const name = new URL(request.url).pathname.slice(APP_AVATAR_PHOTOS_PATH.length + 1)
    const sha256 = avatarSha256Schema.safeParse(name)
    if (!sha256.success) return notFound()
    const bytes = await photo(sha256.data)
    if (!bytes) return notFound()
    return new Response(request.method === 'HEAD' ? null : (bytes as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers: {
        'Content-Type': AVATAR_PHOTO_TYPE,
        'Content-Length': String(bytes.byteLength),
        'Cache-Control': 'public, max-age=31536000, immutable',
        'X-Content-Type-Options': 'nosniff',
      },
    })
  }
}

function notFound(): Response {
  return new Response(null, { status: 404 })
}

/** The body, or 'too-large' as soon as it passes `maxBytes` (a missing or lying Content-Length changes nothing). */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | 'too-large'> {
  const chunks: Uint8Array[] = []
  let length = 0
  const reader = response.body?.getReader()
  if (!reader) return new Uint8Array()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    length += value.byteLength
    if (length > maxBytes) {
      await reader.cancel().catch(() => {})
      return 'too-large'
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}
