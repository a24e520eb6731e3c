import { AVATAR_SPRITE_SIZE, photoAvatar } from '../../shared/model/schema'
import type { PhotoResizeRequest, PhotoResizeResult } from './photo-resize-protocol'

/** Past this a file is not a photo worth decoding (and decoding it could exhaust the tab's memory). */
const MAX_PICKED_BYTES = 25 * 1024 * 1024

/** A picked photo as an atlas-cell WebP, made in a Web Worker; rejects with a sentence to show. */
export function resizePhoto(file: Blob): Promise<Blob> {
  if (file.size > MAX_PICKED_BYTES) return Promise.reject(new Error('That file is over 25 MB. Pick a smaller photo.'))
  if (file.type && !file.type.startsWith('image/')) return Promise.reject(new Error('That file is not a picture. Pick a JPEG, PNG or WebP photo.'))
  const worker = new Worker(new URL('./photo-resize.worker.ts', import.meta.url), { type: 'module', name: 'hallway-photo' })
  return new Promise<Blob>((resolve, reject) => {
    worker.addEventListener('message', (event: MessageEvent<PhotoResizeResult>) => {
      const result = event.data
      if (result?.ok === true && result.photo instanceof Blob) resolve(result.photo)
      else reject(new Error(result?.ok === false ? result.error : 'The photo could not be prepared. Try another one.'))
    })
    worker.addEventListener('error', () => reject(new Error('The photo could not be prepared in this browser. Reload the page and try again.')))
    worker.postMessage({ file, size: AVATAR_SPRITE_SIZE } satisfies PhotoResizeRequest)
  }).finally(() => worker.terminate())
}

/** A picked photo ready to upload: the profile value it will be (the server hashes the same bytes), and a preview. */
export interface PreparedPhoto {
  avatar: string
  photo: Blob
  preview: string
}

export async function preparePhoto(file: Blob): Promise<PreparedPhoto> {
  const photo = await resizePhoto(file)
  const bytes = new Uint8Array(await photo.arrayBuffer())
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  const sha256 = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')
  // A data: URL, not a blob: one: the web page's policy allows data: images and a few KB is nothing.
  const preview = `data:${photo.type};base64,${btoa(String.fromCharCode(...bytes))}`
  return { avatar: photoAvatar(sha256), photo, preview }
}
