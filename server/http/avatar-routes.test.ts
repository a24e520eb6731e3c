import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { AVATAR_PHOTO_MAX_BYTES, isWebp } from '../../shared/contract/avatar-api'
import { avatarUploadResponseSchema } from '../../shared/contract/avatar-api-schemas'
import type { RunningServer } from '../start'
import { REAL_WEBP, sha256Of as sha256, webpOfSize } from '../testing/avatar-photos'
import { createTestTeam, removeTempDirs, startTestServer, tempDir, tokenFor, unsignedToken } from '../testing/harness'
import { AVATAR_UPLOADS_BURST } from './avatar-routes'

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
  const upload = (body: Buffer, options: { token?: string | null; type?: string } = {}) => {
    const headers: Record<string, string> = { 'Content-Type': options.type ?? 'image/webp' }
    if (options.token !== null) headers.Authorization = `Bearer ${options.token ?? ''}`
    return fetch(`${server.url}/api/avatars`, { method: 'POST', headers, body: new Uint8Array(body) })
  }
  return { dir, teamId, server, upload, token: (user = 'ada', role: 'member' | 'guest' = 'member') => tokenFor(dir, teamId, user, role) }
}

describe('POST /api/avatars and GET /api/avatars/<sha256>', () => {
  it('stores a member’s WebP under its sha256 and serves those exact bytes with immutable cache headers and an ETag', async () => {
    const { server, upload, token } = await setup()
    const response = await upload(REAL_WEBP, { token: await token() })
    expect(response.status).toBe(201)
    const body = avatarUploadResponseSchema.parse(await response.json())
    expect(body).toEqual({ sha256: sha256(REAL_WEBP), avatar: `photo:${sha256(REAL_WEBP)}` })

    const photo = await fetch(`${server.url}/api/avatars/${body.sha256}`)
    expect(photo.status).toBe(200)
    expect(photo.headers.get('content-type')).toBe('image/webp')
    expect(photo.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(photo.headers.get('etag')).toBe(`"${body.sha256}"`)
    expect(Buffer.from(await photo.arrayBuffer()).equals(REAL_WEBP)).toBe(true)

    const revalidated = await fetch(`${server.url}/api/avatars/${body.sha256}`, { headers: { 'If-None-Match': `"${body.sha256}"` } })
    expect(revalidated.status).toBe(304)
  })

  it('is idempotent: the same bytes again, from another member, answer the same hash and change nothing', async () => {
    const { server, upload, token } = await setup()
    const first = (await (await upload(REAL_WEBP, { token: await token('ada') })).json()) as unknown
    const again = await upload(REAL_WEBP, { token: await token('grace') })
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual(first)
    const photo = await fetch(`${server.url}/api/avatars/${sha256(REAL_WEBP)}`)
    expect(Buffer.from(await photo.arrayBuffer()).equals(REAL_WEBP)).toBe(true)
  })

  it('takes a photo of exactly the cap and refuses one byte more with 413 and a sentence saying the limit, storing nothing', async () => {
    const { server, upload, token } = await setup()
    const bearer = await token()
    expect((await upload(webpOfSize(AVATAR_PHOTO_MAX_BYTES), { token: bearer })).status).toBe(201)
    const oversize = webpOfSize(AVATAR_PHOTO_MAX_BYTES + 1)
    const refused = await upload(oversize, { token: bearer })
    expect(refused.status).toBe(413)
    expect(await refused.json()).toEqual({ error: 'body-too-large', detail: 'An avatar photo is at most 64 KB of WebP.' })
    expect((await fetch(`${server.url}/api/avatars/${sha256(oversize)}`)).status).toBe(404)
  })

  it('refuses a streamed body (chunked, no Content-Length) once it passes the cap, with 413', async () => {
    const { server, token } = await setup()
    const oversize = webpOfSize(AVATAR_PHOTO_MAX_BYTES * 2)
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(oversize.subarray(0, AVATAR_PHOTO_MAX_BYTES))
        controller.enqueue(oversize.subarray(AVATAR_PHOTO_MAX_BYTES))
        controller.close()
      },
    })
    const refused = await fetch(`${server.url}/api/avatars`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await token()}`, 'Content-Type': 'image/webp' },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(refused.status).toBe(413)
  })

  it('refuses other types with 415: a PNG declared as PNG, a PNG declared as WebP, and a truncated WebP', async () => {
    const { server, upload, token } = await setup()
    const bearer = await token()
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')
    const declaredPng = await upload(png, { token: bearer, type: 'image/png' })
    expect(declaredPng.status).toBe(415)
    expect(((await declaredPng.json()) as { error: string }).error).toBe('unsupported-type')
    const disguised = await upload(png, { token: bearer })
    expect(disguised.status).toBe(415)
    expect(((await disguised.json()) as { error: string }).error).toBe('not-webp')
    expect((await upload(REAL_WEBP.subarray(0, REAL_WEBP.length - 1), { token: bearer })).status).toBe(415)
    expect((await fetch(`${server.url}/api/avatars/${sha256(png)}`)).status).toBe(404)
  })

  it('refuses uploads without a valid member token (401) and from guests (403)', async () => {
    const { teamId, upload, token } = await setup()
    expect(((await (await upload(REAL_WEBP, { token: null })).json()) as { error: string }).error).toBe('missing-token')
    expect((await upload(REAL_WEBP, { token: unsignedToken(teamId, 'ada') })).status).toBe(401)
    expect((await upload(REAL_WEBP, { token: await token('visitor', 'guest') })).status).toBe(403)
  })

  it('paces each member: past a burst of uploads the next answers 429 with a sentence, and stores nothing; another member still uploads', async () => {
    const { server, upload, token } = await setup()
    const ada = await token('ada')
    for (let i = 1; i <= AVATAR_UPLOADS_BURST; i++) expect((await upload(webpOfSize(64, i), { token: ada })).status).toBe(201)
    const refused = await upload(webpOfSize(64, 99), { token: ada })
    expect(refused.status).toBe(429)
    expect(JSON.stringify(await refused.json())).toMatch(/photos an hour/)
    expect((await fetch(`${server.url}/api/avatars/${sha256(webpOfSize(64, 99))}`)).status).toBe(404)
    expect((await upload(webpOfSize(64, 99), { token: await token('sam') })).status).toBe(201)
  })

  it('answers 404 for an unknown hash, a malformed one, and a path trying to climb out', async () => {
    const { server } = await setup()
    for (const path of [`/api/avatars/${'0'.repeat(64)}`, '/api/avatars/ABC', '/api/avatars/', '/api/avatars/..%2Fhealthz']) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(404)
    }
    expect((await fetch(`${server.url}/api/avatars/${'0'.repeat(64)}`, { method: 'DELETE' })).status).toBe(405)
  })
})

describe('isWebp', () => {
  it('accepts a RIFF WEBP container whose size field matches, and nothing else', () => {
    expect(isWebp(REAL_WEBP)).toBe(true)
    expect(isWebp(webpOfSize(100))).toBe(true)
    expect(isWebp(Buffer.concat([REAL_WEBP, Buffer.from([0])]))).toBe(false)
    const wave = Buffer.from(REAL_WEBP)
    wave.write('WAVE', 8, 'ascii')
    expect(isWebp(wave)).toBe(false)
    expect(isWebp(Buffer.alloc(0))).toBe(false)
  })
})
