// hallway:upload-avatar-photo: the office hands main its prepared photo, and main posts it to the
// server with the member token, which the office (no network, no token) never holds.
import { z } from 'zod'
import { AVATAR_PHOTO_MAX_BYTES, isWebp } from '../../shared/contract/avatar-api'
import { uploadAvatarPhoto } from '../../shared/contract/avatar-upload'
import type { AvatarUploadAnswer } from '../../shared/contract/electron-bridge-answers'
import { IpcChannel } from '../../shared/contract/ipc-channels'
import { isTrustedFrame } from './core-port-broker'
import type { ElectronApi, IpcMainEventLike } from './electron-api'

/** A server that accepts the connection but never answers must not leave the Save button busy for good. */
const UPLOAD_TIMEOUT_MS = 15_000

const uploadArgs = z.tuple([z.instanceof(Uint8Array)])

export interface AvatarUploadOptions {
  serverUrl: string
  /** The freshest member token (the core refreshes it in place). */
  memberToken(): string
  trustedOrigins: readonly string[]
  log(message: string): void
}

export function answerAvatarUploads(electron: Pick<ElectronApi, 'ipcMain' | 'net'>, options: AvatarUploadOptions): void {
  const channel = IpcChannel.uploadAvatarPhoto
  const refuse = (event: IpcMainEventLike, why: string, error: string): AvatarUploadAnswer => {
    options.log(`main: refused ${channel} from ${event.senderFrame?.url ?? 'a destroyed frame'}: ${why}`)
    return { ok: false, error }
  }

  electron.ipcMain.handle(channel, async (event, ...args): Promise<AvatarUploadAnswer> => {
    if (!isTrustedFrame(event.senderFrame, options.trustedOrigins)) return refuse(event, 'not a Hallway page', 'Only the Hallway office can upload a photo.')
    const parsed = uploadArgs.safeParse(args)
    if (!parsed.success) return refuse(event, 'the request was not one photo', 'Hallway could not read the photo. Pick it again.')
    const [photo] = parsed.data
    if (photo.byteLength > AVATAR_PHOTO_MAX_BYTES) {
      return refuse(event, `${photo.byteLength} bytes is over the cap`, `The photo is over ${AVATAR_PHOTO_MAX_BYTES / 1024} KB. Pick another photo.`)
    }
    if (!isWebp(photo)) return refuse(event, 'not a WebP image', 'The photo was not prepared as a WebP image. Pick it again.')
    try {
      const stored = await uploadAvatarPhoto(options.serverUrl, options.memberToken(), photo, (url, init) =>
        electron.net.fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS) }),
      )
      return { ok: true, sha256: stored.sha256 }
    } catch (failure) {
      const error = (failure as Error).message
      options.log(`main: avatar photo not uploaded: ${error}`)
      return { ok: false, error }
    }
  })
}
