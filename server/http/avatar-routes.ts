// POST /api/avatars (a member's WebP photo in) and GET /api/avatars/<sha256> (the bytes out, cached for good).
import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { AVATAR_PHOTOS_PATH, AVATAR_PHOTO_MAX_BYTES, AVATAR_PHOTO_TYPE, isWebp, type AvatarUploadResponse } from '../../shared/contract/avatar-api'
import { photoAvatar } from '../../shared/model/schema'
import type { AuthResult } from '../auth/authenticator'
import type { BlobStore } from '../store/blob-store'
import { TokenBucket } from '../sync/rate-limit'
import { HttpFailure, jsonRoute, readBody, requireBearer, sendJson } from './json-api'

/** The GET route's key in the API map: any path directly under it (routes.ts). */
export const AVATAR_PHOTO_PREFIX = `${AVATAR_PHOTOS_PATH}/`

type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void>

const TOO_LARGE = { detail: `An avatar photo is at most ${AVATAR_PHOTO_MAX_BYTES / 1024} KB of WebP.`, headers: { Connection: 'close' } }

/** Photos a member may upload in a burst, and per hour after it: plenty for choosing one, too few to fill a disk. */
export const AVATAR_UPLOADS_BURST = 6
const AVATAR_UPLOADS_PER_HOUR = 6

export function createAvatarUploadRoute(deps: {
  blobs: BlobStore
  verify(token: string): Promise<AuthResult>
  bodyTimeoutMs: number
  onError?(error: unknown): void
}): Route {
  const uploadsByMember = new Map<string, TokenBucket>()
  return jsonRoute(
    'POST',
    async (req, res) => {
      const claims = await requireBearer(req, deps.verify)
      // Guests cannot set an avatar (they write nothing), so they have nothing to upload.
      if (claims.role === 'guest') throw new HttpFailure(403, 'read-only')
      // Blobs are kept for good (content-addressed, immutable): each member's uploads are paced, on this node.
      const memberKey = `${claims.team}/${claims.sub}`
      let allowance = uploadsByMember.get(memberKey)
      if (!allowance) uploadsByMember.set(memberKey, (allowance = new TokenBucket(AVATAR_UPLOADS_PER_HOUR / 3600, AVATAR_UPLOADS_BURST)))
      if (!allowance.take(1)) {
        throw new HttpFailure(429, 'too-many-uploads', { detail: `At most ${AVATAR_UPLOADS_PER_HOUR} photos an hour; try again later.` })
      }
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
      if (type !== AVATAR_PHOTO_TYPE) throw new HttpFailure(415, 'unsupported-type', { detail: `Send the photo as ${AVATAR_PHOTO_TYPE}.` })
      if (Number(req.headers['content-length'] ?? 0) > AVATAR_PHOTO_MAX_BYTES) throw new HttpFailure(413, 'body-too-large', TOO_LARGE)
      let bytes: Buffer
      try {
        bytes = await readBody(req, { maxBytes: AVATAR_PHOTO_MAX_BYTES, timeoutMs: deps.bodyTimeoutMs })
      } catch (error) {
        if (error instanceof HttpFailure && error.status === 413) throw new HttpFailure(413, 'body-too-large', TOO_LARGE)
        throw error
      }
      if (!isWebp(bytes)) throw new HttpFailure(415, 'not-webp', { detail: 'The bytes are not a WebP image.' })
      const sha256 = createHash('sha256').update(bytes).digest('hex')
      const created = await deps.blobs.putBlob(sha256, { contentType: AVATAR_PHOTO_TYPE, bytes })
      sendJson(res, created ? 201 : 200, { sha256, avatar: photoAvatar(sha256) } satisfies AvatarUploadResponse)
    },
    deps.onError,
  )
}

/** Public: an <img> sends no bearer token, and a sha256 names only bytes someone already shared. */
export function createAvatarPhotoRoute(deps: { blobs: BlobStore; onError?(error: unknown): void }): Route {
  return jsonRoute(
    'GET',
    async (req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname
      const sha256 = path.slice(AVATAR_PHOTO_PREFIX.length)
      if (!/^[0-9a-f]{64}$/.test(sha256)) throw new HttpFailure(404, 'not-found')
      const blob = await deps.blobs.getBlob(sha256)
      if (!blob) throw new HttpFailure(404, 'not-found')
      const etag = `"${sha256}"`
      const headers = {
        'Cache-Control': 'public, max-age=31536000, immutable',
        ETag: etag,
        'X-Content-Type-Options': 'nosniff',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      }
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers)
        return void res.end()
      }
      res.writeHead(200, { ...headers, 'Content-Type': blob.contentType, 'Content-Length': String(blob.bytes.byteLength) })
      res.end(blob.bytes)
    },
    deps.onError,
  )
}
