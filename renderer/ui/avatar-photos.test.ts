import { createHash } from 'node:crypto'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../server/start'
import { REAL_WEBP as WEBP } from '../../server/testing/avatar-photos'
import { createTestTeam, removeTempDirs, startTestServer, tempDir, tokenFor, unsignedToken } from '../../server/testing/harness'
import { appAvatarPhotos, avatarPhotos, uploadAvatarPhoto } from './avatar-photos'

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

describe('uploading a photo avatar from a view', () => {
  it('answers the photo:<sha256> the server stored, and the URL that serves those bytes', async () => {
    const { server, token } = await setup()
    const sha256 = createHash('sha256').update(WEBP).digest('hex')
    const avatar = await uploadAvatarPhoto(server.url, token, new Blob([new Uint8Array(WEBP)], { type: 'image/webp' }))
    expect(avatar).toBe(`photo:${sha256}`)
    const served = await fetch(avatarPhotos(server.url, () => token).url(sha256))
    expect(Buffer.from(await served.arrayBuffer()).equals(WEBP)).toBe(true)
  })

  it('turns refusals into sentences: not a WebP (the server’s reason), a bad sign-in', async () => {
    const { server, teamId, token } = await setup()
    const png = new Blob([new Uint8Array(Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000', 'hex'))])
    await expect(uploadAvatarPhoto(server.url, token, png)).rejects.toThrow('The server refused the photo: The bytes are not a WebP image.')
    await expect(uploadAvatarPhoto(server.url, unsignedToken(teamId, 'ada'), new Blob([new Uint8Array(WEBP)]))).rejects.toThrow(/sign-in has expired/)
  })
})

describe('where the desktop office finds a photo', () => {
  it('resolves against the office page to app://hallway/avatars/<sha256>, the path main relays, and offers no upload', () => {
    const sha256 = createHash('sha256').update(WEBP).digest('hex')
    expect(new URL(appAvatarPhotos.url(sha256), 'app://hallway/office/index.html').href).toBe(`app://hallway/avatars/${sha256}`)
    expect(appAvatarPhotos.upload).toBeUndefined()
  })
})
