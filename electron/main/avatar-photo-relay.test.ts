import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { AVATAR_PHOTO_MAX_BYTES } from '../../shared/contract/avatar-api'
import type { RunningServer } from '../../server/start'
import { REAL_WEBP, sha256Of, webpOfSize } from '../../server/testing/avatar-photos'
import { createTestTeam, refusedUrl, removeTempDirs, startTestServer, tempDir, tokenFor } from '../../server/testing/harness'
import { fakeElectron } from '../testing/fake-electron'
import { startMain } from '../testing/start-main'
import { avatarPhotoRelay } from './avatar-photo-relay'

const servers: { close(): unknown }[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

const photoRequest = (name: string) => new Request(`app://hallway/avatars/${name}`)

/** A sync server with one member, and the desktop main wired to it (fake Electron, real net requests). */
async function desktopAgainstServer() {
  const dir = tempDir()
  const teamId = await createTestTeam(dir)
  const server: RunningServer = await startTestServer(dir)
  servers.push(server)
  const token = await tokenFor(dir, teamId, 'ada')
  const upload = async (bytes: Buffer) => {
    const response = await fetch(`${server.url}/api/avatars`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'image/webp' },
      body: new Uint8Array(bytes),
    })
    expect(response.ok).toBe(true)
  }
  const main = await startMain({ ok: true, serverUrl: server.url, token })
  const serve = (request: Request) => Promise.resolve(main.protocolHandlers.get('app')!(request))
  return { server, upload, serve, fetched: main.fetched, log: main.log }
}

/** A server that answers every GET with what `answer` writes: what a broken or hostile server could send. */
async function oddServer(answer: (res: ServerResponse) => void): Promise<string> {
  const server: Server = createServer((_req, res) => answer(res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  servers.push({
    close: () => {
      const closed = new Promise((resolve) => server.close(resolve))
      // The relay may abandon a response half read; its connection would hold close() open.
      server.closeAllConnections()
      return closed
    },
  })
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

function relayTo(serverUrl: string) {
  const fake = fakeElectron()
  const log = vi.fn()
  return { serve: avatarPhotoRelay(fake.electron, { serverUrl, log }), fetched: fake.fetched, log }
}

describe('desktop avatar photos: main relays app://hallway/avatars/<sha256> from the sync server', () => {
  it('serves an uploaded photo’s exact bytes as WebP through the app:// protocol, fetching it once for concurrent and later requests', async () => {
    const { server, upload, serve, fetched } = await desktopAgainstServer()
    await upload(REAL_WEBP)
    const sha256 = sha256Of(REAL_WEBP)

    const answers = await Promise.all([serve(photoRequest(sha256)), serve(photoRequest(sha256))])
    for (const answer of answers) {
      expect(answer.status).toBe(200)
      expect(answer.headers.get('Content-Type')).toBe('image/webp')
      expect(Buffer.from(await answer.arrayBuffer()).equals(REAL_WEBP)).toBe(true)
    }
    expect(fetched).toEqual([`${server.url}/api/avatars/${sha256}`])

    await server.close()
    const fromMemory = await serve(photoRequest(sha256))
    expect(Buffer.from(await fromMemory.arrayBuffer()).equals(REAL_WEBP)).toBe(true)
    expect(fetched).toHaveLength(1)
  })

  it('answers 404 without any request for a name that is not a lowercase sha256', async () => {
    const { serve, fetched } = await desktopAgainstServer()
    const sha256 = sha256Of(REAL_WEBP)
    for (const name of ['abc', sha256.toUpperCase(), `${sha256}0`, `${sha256}/x`, `..%2fapi%2favatars%2f${sha256}`, `%2e%2e/office/index.html`, '']) {
      expect((await serve(photoRequest(name))).status, name).toBe(404)
    }
    expect(fetched).toEqual([])
  })

  it('answers 404 for a photo the server does not have, and serves it once it has been uploaded (a miss is not remembered)', async () => {
    const { upload, serve, fetched, log } = await desktopAgainstServer()
    const sha256 = sha256Of(REAL_WEBP)
    expect((await serve(photoRequest(sha256))).status).toBe(404)
    expect(log).toHaveBeenCalledWith(`main: avatar photo ${sha256} not shown: the server has no such photo`)
    await upload(REAL_WEBP)
    expect((await serve(photoRequest(sha256))).status).toBe(200)
    expect(fetched).toHaveLength(2)
  })

  it('answers 404 when the server is down', async () => {
    const { serve, fetched } = relayTo(await refusedUrl())
    expect((await serve(photoRequest(sha256Of(REAL_WEBP)))).status).toBe(404)
    expect(fetched).toHaveLength(1)
  })

  it('answers 404 for an unconfigured app (no server to ask)', async () => {
    const main = await startMain({ ok: false, problem: 'No server' })
    expect((await main.protocolHandlers.get('app')!(photoRequest(sha256Of(REAL_WEBP)))).status).toBe(404)
    expect(main.fetched).toEqual([])
  })

  it('refuses a photo over 64 KB, whether the server declares its length or streams it undeclared', async () => {
    const big = webpOfSize(AVATAR_PHOTO_MAX_BYTES + 1)
    const sha256 = sha256Of(big)
    for (const declared of [true, false]) {
      const { serve, log } = relayTo(
        await oddServer((res) => {
          res.writeHead(200, { 'Content-Type': 'image/webp', ...(declared ? { 'Content-Length': String(big.length) } : {}) })
          if (declared) return void res.end(big)
          // Undeclared: sent in pieces, so only counting the bytes read can catch it.
          res.write(big.subarray(0, 40_000))
          res.end(big.subarray(40_000))
        }),
      )
      expect((await serve(photoRequest(sha256))).status).toBe(404)
      expect(log).toHaveBeenCalledWith(`main: avatar photo ${sha256} not shown: it is larger than 64 KB`)
    }
  })

  it('refuses bytes that are not served as image/webp, or that do not hash to the name asked for', async () => {
    const sha256 = sha256Of(REAL_WEBP)
    const asHtml = relayTo(await oddServer((res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(REAL_WEBP)))
    expect((await asHtml.serve(photoRequest(sha256))).status).toBe(404)
    expect(asHtml.log).toHaveBeenCalledWith(`main: avatar photo ${sha256} not shown: it came as text/html, not image/webp`)

    const other = webpOfSize(64)
    const swapped = relayTo(await oddServer((res) => res.writeHead(200, { 'Content-Type': 'image/webp' }).end(other)))
    expect((await swapped.serve(photoRequest(sha256))).status).toBe(404)
    expect(swapped.log).toHaveBeenCalledWith(`main: avatar photo ${sha256} not shown: its bytes do not match its name`)
  })

  it('answers 404 when the server fails or redirects elsewhere', async () => {
    const sha256 = sha256Of(REAL_WEBP)
    const failing = relayTo(await oddServer((res) => res.writeHead(500).end()))
    expect((await failing.serve(photoRequest(sha256))).status).toBe(404)
    expect(failing.log).toHaveBeenCalledWith(`main: avatar photo ${sha256} not shown: the server answered 500`)

    const target = await oddServer((res) => res.writeHead(200, { 'Content-Type': 'image/webp' }).end(REAL_WEBP))
    const redirecting = relayTo(await oddServer((res) => res.writeHead(302, { Location: `${target}/api/avatars/${sha256}` }).end()))
    expect((await redirecting.serve(photoRequest(sha256))).status).toBe(404)
  })
})
