import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { HallwayBridge } from '../../shared/contract/electron-bridge'
import { IpcChannel } from '../../shared/contract/ipc-channels'
import type { RunningServer } from '../../server/start'
import { REAL_WEBP, sha256Of } from '../../server/testing/avatar-photos'
import { createTestTeam, removeTempDirs, startTestServer, tempDir, tokenFor } from '../../server/testing/harness'
import { startMain } from '../../electron/testing/start-main'
import { appAvatarPhotos, avatarPhotos } from './avatar-photos'

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
  return { server, token: await tokenFor(dir, teamId, 'ada') }
}

const webpBlob = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)], { type: 'image/webp' })
const OFFICE_PAGE = 'app://hallway/office/index.html'

/**
 * The desktop office's bridge with main behind it: Electron main on the fake Electron (the binary is
 * out of reach here), its upload handler posting to the real server. The preload's one line,
 * ipcRenderer.invoke, is played by invoking main's handler as from the office's top frame.
 */
async function desktopOffice() {
  const { server, token } = await setup()
  const main = await startMain({ ok: true, serverUrl: server.url, token })
  const bridge: Pick<HallwayBridge, 'uploadAvatarPhoto'> = {
    uploadAvatarPhoto: async (webp) => main.invokeIpc(IpcChannel.uploadAvatarPhoto, { sender: main.window.webContents, senderFrame: main.window.webContents.mainFrame }, webp),
  }
  const serveApp = (path: string) => Promise.resolve(main.protocolHandlers.get('app')!(new Request(new URL(path, OFFICE_PAGE))))
  return { server, bridge, serveApp }
}

describe('the web page’s photo host', () => {
  it('uploads to the server and answers photo:<sha256>, whose URL serves those bytes', async () => {
    const { server, token } = await setup()
    const photos = avatarPhotos(server.url, () => token)
    const sha256 = sha256Of(REAL_WEBP)
    expect(await photos.upload(webpBlob(REAL_WEBP))).toBe(`photo:${sha256}`)
    const served = await fetch(photos.url(sha256))
    expect(Buffer.from(await served.arrayBuffer()).equals(REAL_WEBP)).toBe(true)
  })
})

describe('the desktop office’s photo host (through main)', () => {
  it('uploads through main and answers photo:<sha256>, which the office then shows from app://hallway/avatars/<sha256>', async () => {
    const { bridge, serveApp } = await desktopOffice()
    const photos = appAvatarPhotos(bridge)
    const sha256 = sha256Of(REAL_WEBP)
    expect(await photos.upload!(webpBlob(REAL_WEBP))).toBe(`photo:${sha256}`)
    expect(new URL(photos.url(sha256), OFFICE_PAGE).href).toBe(`app://hallway/avatars/${sha256}`)
    const shown = await serveApp(photos.url(sha256))
    expect(Buffer.from(await shown.arrayBuffer()).equals(REAL_WEBP)).toBe(true)
  })

  it('rejects with main’s sentence when main refuses the photo, and the server never gets it', async () => {
    const { server, bridge } = await desktopOffice()
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000', 'hex')
    await expect(appAvatarPhotos(bridge).upload!(new Blob([new Uint8Array(png)]))).rejects.toThrow('The photo was not prepared as a WebP image. Pick it again.')
    expect((await fetch(`${server.url}/api/avatars/${sha256Of(png)}`)).status).toBe(404)
  })

  it('rejects with a sentence when main fails the call or answers something malformed', async () => {
    const failing = appAvatarPhotos({ uploadAvatarPhoto: () => Promise.reject(new Error("Error invoking remote method 'hallway:upload-avatar-photo'")) })
    await expect(failing.upload!(webpBlob(REAL_WEBP))).rejects.toThrow('Hallway could not upload the photo. Quit and reopen Hallway, then try again.')
    for (const answer of [null, { ok: true, sha256: 'ABC' }, { ok: true, avatar: 'photo:x' }, { ok: false, error: '' }, 'photo:abc']) {
      const odd = appAvatarPhotos({ uploadAvatarPhoto: async () => answer })
      await expect(odd.upload!(webpBlob(REAL_WEBP)), JSON.stringify(answer)).rejects.toThrow('Hallway could not upload the photo.')
    }
  })

  it('offers no upload without the bridge (no preload), and still finds photos on its own origin', () => {
    const photos = appAvatarPhotos(undefined)
    expect(photos.upload).toBeUndefined()
    expect(new URL(photos.url(sha256Of(REAL_WEBP)), OFFICE_PAGE).href).toBe(`app://hallway/avatars/${sha256Of(REAL_WEBP)}`)
  })
})
