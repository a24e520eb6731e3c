import { createContext, useContext } from 'solid-js'
import { APP_AVATAR_PHOTOS_PATH, AVATAR_PHOTOS_PATH } from '../../shared/contract/avatar-api'
import type { HallwayBridge } from '../../shared/contract/electron-bridge'
import { photoAvatar } from '../../shared/model/schema'

/**
 * Where photo avatars come from and go to, given by each platform's page: the server on the web,
 * the desktop app's own origin and main in Electron. Without it a photo avatar shows as the
 * member's default sprite; without `upload` no photo can be picked.
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

/** The web page: it holds the member token and posts to the server itself. */
export function avatarPhotos(serverUrl: string, memberToken: () => string): Required<AvatarPhotos> {
  return {
    url: (sha256) => new URL(`${AVATAR_PHOTOS_PATH}/${sha256}`, serverUrl).href,
    upload: async (photo) => {
      // Loaded when a photo is picked: its answer's zod schema stays out of the page's first frame.
      const { uploadAvatarPhoto } = await import('../../shared/contract/avatar-upload')
      return (await uploadAvatarPhoto(serverUrl, memberToken(), photo)).avatar
    },
  }
}

/**
 * The desktop office, served from app://hallway, holds neither the server's address nor a token:
 * main fetches photos for it (electron/main/avatar-photo-relay.ts) and posts its uploads
 * (electron/main/avatar-upload-ipc.ts). Without the bridge (no preload) it uploads nothing.
 */
export function appAvatarPhotos(bridge: Pick<HallwayBridge, 'uploadAvatarPhoto'> | undefined): AvatarPhotos {
  const url = (sha256: string) => `${APP_AVATAR_PHOTOS_PATH}/${sha256}`
  if (!bridge) return { url }
  return {
    url,
    async upload(photo) {
      const bytes = new Uint8Array(await photo.arrayBuffer())
      const { avatarUploadAnswerSchema } = await import('../../shared/contract/electron-bridge-answers')
      const answer = avatarUploadAnswerSchema.safeParse(await bridge.uploadAvatarPhoto(bytes).catch(() => null))
      if (!answer.success) throw new Error('Hallway could not upload the photo. Quit and reopen Hallway, then try again.')
      if (!answer.data.ok) throw new Error(answer.data.error)
      return photoAvatar(answer.data.sha256)
    },
  }
}
