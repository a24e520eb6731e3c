import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../server/start'
import { REAL_WEBP, sha256Of, webpOfSize } from '../../server/testing/avatar-photos'
import { createTestTeam, refusedUrl, removeTempDirs, startTestServer, tempDir, tokenFor, unsignedToken } from '../../server/testing/harness'
import { AVATAR_PHOTO_MAX_BYTES } from './avatar-api'
import { uploadAvatarPhoto } from './avatar-upload'

const servers: RunningServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

async function setup() {
  const dir = tempDir()
  const teamId = await createTestTeam(dir)
  const server = await startTestServer(dir)
  servers.push(server)
  return { server, teamId, token: await tokenFor(dir, teamId, 'ada') }
}

const webpBlob = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)], { type: 'image/webp' })

describe('POST /api/avatars client (web page and desktop main)', () => {
  it('answers the sha256 and photo:<sha256> the server stored, from a Blob or from bytes', async () => {
    const { server, token } = await setup()
    const sha256 = sha256Of(REAL_WEBP)
    expect(await uploadAvatarPhoto(server.url, token, webpBlob(REAL_WEBP))).toEqual({ sha256, avatar: `photo:${sha256}` })
    const other = webpOfSize(100, 7)
    expect((await uploadAvatarPhoto(server.url, token, new Uint8Array(other))).sha256).toBe(sha256Of(other))
  })

  it('turns refusals into sentences that say what to do next: not a WebP, too large, a bad sign-in', async () => {
    const { server, teamId, token } = await setup()
    const png = new Blob([new Uint8Array(Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000', 'hex'))])
    await expect(uploadAvatarPhoto(server.url, token, png)).rejects.toThrow('The server refused the photo: The bytes are not a WebP image. Pick another photo.')
    await expect(uploadAvatarPhoto(server.url, token, webpBlob(webpOfSize(AVATAR_PHOTO_MAX_BYTES + 1)))).rejects.toThrow(
      'The server refused the photo: An avatar photo is at most 64 KB of WebP. Pick another photo.',
    )
    await expect(uploadAvatarPhoto(server.url, unsignedToken(teamId, 'ada'), webpBlob(REAL_WEBP))).rejects.toThrow(
      'Your sign-in has expired. Sign in again, then upload the photo.',
    )
  })

  it('says to check the connection when the server cannot be reached', async () => {
    await expect(uploadAvatarPhoto(await refusedUrl(), 'any', webpBlob(REAL_WEBP))).rejects.toThrow('Check your connection and try again.')
  })
})
