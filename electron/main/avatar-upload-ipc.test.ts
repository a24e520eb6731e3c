import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { AVATAR_PHOTO_MAX_BYTES } from '../../shared/contract/avatar-api'
import { IpcChannel } from '../../shared/contract/ipc-channels'
import { AVATAR_UPLOADS_BURST } from '../../server/http/avatar-routes'
import type { RunningServer } from '../../server/start'
import { REAL_WEBP, sha256Of, webpOfSize } from '../../server/testing/avatar-photos'
import { createTestTeam, refusedUrl, removeTempDirs, startTestServer, tempDir, tokenFor } from '../../server/testing/harness'
import { fakeElectron, fakeFrame, FakeWebContents } from '../testing/fake-electron'
import { OFFICE_URL, startMain } from '../testing/start-main'
import { answerAvatarUploads } from './avatar-upload-ipc'
import type { IpcMainEventLike } from './electron-api'

const servers: RunningServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')
const office = () => ({ sender: new FakeWebContents(), senderFrame: fakeFrame(OFFICE_URL) })

async function memberOnServer() {
  const dir = tempDir()
  const teamId = await createTestTeam(dir)
  const server = await startTestServer(dir)
  servers.push(server)
  return { server, token: await tokenFor(dir, teamId, 'ada') }
}

/** The handler alone on the fake Electron (real net requests), posting to `serverUrl` as `token`. */
function uploadsTo(serverUrl: string, token: string) {
  const fake = fakeElectron()
  const log = vi.fn()
  answerAvatarUploads(fake.electron, { serverUrl, memberToken: () => token, trustedOrigins: ['app://hallway'], log })
  const invoke = (event: IpcMainEventLike, ...args: unknown[]) => fake.invokeIpc(IpcChannel.uploadAvatarPhoto, event, ...args)
  return { invoke, fetched: fake.fetched, log }
}

const storedOn = async (server: RunningServer, bytes: Uint8Array) => (await fetch(`${server.url}/api/avatars/${sha256Of(bytes)}`)).status

describe('desktop photo upload: main posts the office’s WebP to the sync server with the member token', () => {
  it('stores the exact bytes and answers their sha256; a photo of exactly 64 KB is accepted', async () => {
    const { server, token } = await memberOnServer()
    const { invoke, fetched } = uploadsTo(server.url, token)
    expect(await invoke(office(), new Uint8Array(REAL_WEBP))).toEqual({ ok: true, sha256: sha256Of(REAL_WEBP) })
    const served = await fetch(`${server.url}/api/avatars/${sha256Of(REAL_WEBP)}`)
    expect(Buffer.from(await served.arrayBuffer()).equals(REAL_WEBP)).toBe(true)
    expect(fetched).toEqual([`${server.url}/api/avatars`])

    const largest = webpOfSize(AVATAR_PHOTO_MAX_BYTES)
    expect(await invoke(office(), new Uint8Array(largest))).toEqual({ ok: true, sha256: sha256Of(largest) })
  })

  it('is wired by main for a configured app, with the token it was started with', async () => {
    const { server, token } = await memberOnServer()
    const main = await startMain({ ok: true, serverUrl: server.url, token })
    const answer = await main.invokeIpc(IpcChannel.uploadAvatarPhoto, { sender: main.window.webContents, senderFrame: main.window.webContents.mainFrame }, new Uint8Array(REAL_WEBP))
    expect(answer).toEqual({ ok: true, sha256: sha256Of(REAL_WEBP) })
    expect(await storedOn(server, REAL_WEBP)).toBe(200)
  })

  it('refuses a photo over 64 KB before any request, with a sentence saying to pick another', async () => {
    const { server, token } = await memberOnServer()
    const { invoke, fetched, log } = uploadsTo(server.url, token)
    const oversize = webpOfSize(AVATAR_PHOTO_MAX_BYTES + 1)
    expect(await invoke(office(), new Uint8Array(oversize))).toEqual({ ok: false, error: 'The photo is over 64 KB. Pick another photo.' })
    expect(fetched).toEqual([])
    expect(log).toHaveBeenCalledWith(`main: refused ${IpcChannel.uploadAvatarPhoto} from ${OFFICE_URL}: ${AVATAR_PHOTO_MAX_BYTES + 1} bytes is over the cap`)
    expect(await storedOn(server, oversize)).toBe(404)
  })

  it('refuses bytes that are not a WebP (a PNG, a truncated WebP) before any request', async () => {
    const { server, token } = await memberOnServer()
    const { invoke, fetched } = uploadsTo(server.url, token)
    for (const bytes of [PNG, REAL_WEBP.subarray(0, REAL_WEBP.length - 1)]) {
      expect(await invoke(office(), new Uint8Array(bytes))).toEqual({ ok: false, error: 'The photo was not prepared as a WebP image. Pick it again.' })
      expect(await storedOn(server, bytes)).toBe(404)
    }
    expect(fetched).toEqual([])
  })

  it('refuses anything but one byte array: no photo, two, a string, an ArrayBuffer, a plain array', async () => {
    const { server, token } = await memberOnServer()
    const { invoke, fetched } = uploadsTo(server.url, token)
    const photo = new Uint8Array(REAL_WEBP)
    for (const args of [[], [photo, photo], ['UklGRhoAAABXRUJQ'], [photo.buffer], [Array.from(photo)]]) {
      expect(await invoke(office(), ...args), JSON.stringify(args).slice(0, 40)).toEqual({ ok: false, error: 'Hallway could not read the photo. Pick it again.' })
    }
    expect(fetched).toEqual([])
    expect(await storedOn(server, REAL_WEBP)).toBe(404)
  })

  it('refuses a frame that is not ours: another site, a frame inside the office, a destroyed frame', async () => {
    const { server, token } = await memberOnServer()
    const { invoke, fetched, log } = uploadsTo(server.url, token)
    const photo = new Uint8Array(REAL_WEBP)
    const senders = [
      fakeFrame('https://evil.example/'),
      fakeFrame('app://hallway/office/index.html', fakeFrame(OFFICE_URL)),
      fakeFrame('app://other/office/index.html'),
      null,
    ]
    for (const senderFrame of senders) {
      expect(await invoke({ sender: new FakeWebContents(), senderFrame }, photo)).toEqual({ ok: false, error: 'Only the Hallway office can upload a photo.' })
    }
    expect(log).toHaveBeenCalledWith(`main: refused ${IpcChannel.uploadAvatarPhoto} from https://evil.example/: not a Hallway page`)
    expect(fetched).toEqual([])
    expect(await storedOn(server, REAL_WEBP)).toBe(404)
  })

  it('passes on the server’s 429 past a burst of uploads as a sentence that says to wait, and stores nothing', async () => {
    const { server, token } = await memberOnServer()
    const { invoke, log } = uploadsTo(server.url, token)
    for (let seed = 1; seed <= AVATAR_UPLOADS_BURST; seed++) expect(await invoke(office(), new Uint8Array(webpOfSize(100, seed)))).toMatchObject({ ok: true })
    const late = webpOfSize(100, AVATAR_UPLOADS_BURST + 1)
    const answer = await invoke(office(), new Uint8Array(late))
    expect(answer).toEqual({ ok: false, error: 'Too many photo uploads for now. At most 6 photos an hour; try again later. Your avatar stays as it was.' })
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^main: avatar photo not uploaded: Too many photo uploads/))
    expect(await storedOn(server, late)).toBe(404)
  })

  it('says to check the connection when the server cannot be reached', async () => {
    const { invoke, fetched } = uploadsTo(await refusedUrl(), 'any-token')
    expect(await invoke(office(), new Uint8Array(REAL_WEBP))).toEqual({
      ok: false,
      error: 'The server could not be reached to upload your photo. Check your connection and try again.',
    })
    expect(fetched).toHaveLength(1)
  })
})
