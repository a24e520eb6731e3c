import { createContext, useContext } from 'solid-js'
import { APP_AVATAR_PHOTOS_PATH, AVATAR_PHOTOS_PATH, AVATAR_PHOTO_TYPE, avatarUploadResponseSchema } from '../../shared/contract/avatar-api'

/**
 * Where photo avatars come from, given by each platform's page: the server on the web, the desktop
 * app's own origin in Electron. Without it a photo avatar shows as the member's default sprite;
 * without `upload` no photo can be picked.
 */
export interface AvatarPhotos {
  url(sha256: string): string
  /** Uploads a prepared WebP; resolves with the profile value that shows it, or rejects with a sentence. */
  upload?(photo: Blob): Promise<string>
}

export const AvatarPhotosContext = createContext<AvatarPhotos>()

export function useAvatarPhotos(): AvatarPhotos | undefined {
  return useContext(AvatarPhotosContext)
}

export function avatarPhotos(serverUrl: string, memberToken: () => string): AvatarPhotos {
  return {
    url: (sha256) => new URL(`${AVATAR_PHOTOS_PATH}/${sha256}`, serverUrl).href,
    upload: (photo) => uploadAvatarPhoto(serverUrl, memberToken(), photo),
  }
}

/**
 * The desktop office, served from app://hallway: main fetches the photo from the server
 * (electron/main/avatar-photo-relay.ts). The view holds no member token, so it uploads nothing.
 */
export const appAvatarPhotos: AvatarPhotos = {
  url: (sha256) => `${APP_AVATAR_PHOTOS_PATH}/${sha256}`,
}

/** POST /api/avatars (docs/contract.md): the `photo:<sha256>` to write into the profile. */
export async function uploadAvatarPhoto(serverUrl: string, token: string, photo: Blob, fetchImpl: typeof fetch = fetch): Promise<string> {
  let response: Response
  try {
    response = await fetchImpl(new URL(AVATAR_PHOTOS_PATH, serverUrl), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': AVATAR_PHOTO_TYPE },
      body: photo,
    })
  } catch {
    throw new Error('The server could not be reached to upload your photo. Check your connection and try again.')
  }
  if (response.ok) {
    const body = avatarUploadResponseSchema.safeParse(await response.json().catch(() => null))
    if (body.success) return body.data.avatar
    throw new Error('The server answered the upload oddly. Try again later.')
  }
  const detail = ((await response.json().catch(() => null)) as { detail?: unknown } | null)?.detail
  switch (response.status) {
    case 401:
      throw new Error('Your sign-in has expired. Reload the page to sign in again, then upload the photo.')
    case 403:
      throw new Error('Guests cannot set an avatar.')
    case 413:
    case 415:
      throw new Error(typeof detail === 'string' ? `The server refused the photo: ${detail}` : 'The server refused the photo. Try another one.')
    default:
      throw new Error(`The photo could not be uploaded (server error ${response.status}). Try again later.`)
  }
}
