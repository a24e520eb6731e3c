// The one POST /api/avatars client, for both hosts: the web page posts with its own fetch, desktop
// main with Chromium's net.fetch for the office (which holds no token). Either way a refusal
// becomes the same sentence, saying what to do next.
import { AVATAR_PHOTOS_PATH, AVATAR_PHOTO_TYPE, type AvatarUploadResponse } from './avatar-api'
import { avatarUploadResponseSchema } from './avatar-api-schemas'

export type AvatarUploadFetch = (url: string, init: RequestInit) => Promise<Response>

/** Posts a prepared WebP with the member token: the stored sha256 and profile value, or a sentence to show. */
export async function uploadAvatarPhoto(
  serverUrl: string,
  token: string,
  photo: Blob | Uint8Array,
  fetchImpl: AvatarUploadFetch = fetch,
): Promise<AvatarUploadResponse> {
  let response: Response
  try {
    response = await fetchImpl(new URL(AVATAR_PHOTOS_PATH, serverUrl).href, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': AVATAR_PHOTO_TYPE },
      body: photo as BodyInit,
    })
  } catch {
    throw new Error('The server could not be reached to upload your photo. Check your connection and try again.')
  }
  if (response.ok) {
    const body = avatarUploadResponseSchema.safeParse(await response.json().catch(() => null))
    if (body.success) return body.data
    throw new Error('The server answered the upload oddly. Try again later.')
  }
  const detail = ((await response.json().catch(() => null)) as { detail?: unknown } | null)?.detail
  const reason = typeof detail === 'string' ? ` ${detail}` : ''
  switch (response.status) {
    case 401:
      throw new Error('Your sign-in has expired. Sign in again, then upload the photo.')
    case 403:
      throw new Error('Guests cannot set an avatar.')
    case 413:
    case 415:
      throw new Error(`The server refused the photo:${reason || ' it is not a small WebP image.'} Pick another photo.`)
    case 429:
      throw new Error(`Too many photo uploads for now.${reason || ' Try again later.'} Your avatar stays as it was.`)
    default:
      throw new Error(`The photo could not be uploaded (server error ${response.status}). Try again later.`)
  }
}
