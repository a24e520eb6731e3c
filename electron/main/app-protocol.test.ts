import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appRequestHandler, CONTENT_SECURITY_POLICY, MEDIA_HOST_PAGE } from './app-protocol'

let dir: string
let handle: (request: Request) => Promise<Response>
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hallway-app-protocol-'))
  await mkdir(join(dir, 'renderer/office'), { recursive: true })
  await writeFile(join(dir, 'renderer/office/index.html'), '<!doctype html><title>office</title>')
  await mkdir(join(dir, 'renderer/media/host'), { recursive: true })
  await writeFile(join(dir, 'renderer/media/host/index.html'), '<!doctype html><title>media</title>')
  await writeFile(join(dir, 'secret.txt'), 'top secret')
  handle = appRequestHandler(join(dir, 'renderer'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('app:// protocol handler', () => {
  it('serves renderer files with a strict CSP and their content type', async () => {
    const response = await handle(new Request('app://hallway/office/index.html'))
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('<title>office</title>')
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'")
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval)/)
  })

  it('lets only the media host page connect out (call tokens, LiveKit), keeping the rest of the policy', async () => {
    const csp = (await handle(new Request(`app://hallway${MEDIA_HOST_PAGE}`))).headers.get('Content-Security-Policy')!
    expect(csp).toContain("connect-src 'self' http: https: ws: wss:")
    expect(csp.replace(/connect-src[^;]*/, '')).toBe(CONTENT_SECURITY_POLICY.replace(/connect-src[^;]*/, ''))
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self';")
  })

  it.each([
    'app://hallway/..%2fsecret.txt',
    'app://hallway/%2e%2e/secret.txt',
    'app://hallway/office/..%2f..%2fsecret.txt',
    'app://hallway/..%5csecret.txt',
    'app://hallway/office%00/index.html',
  ])('refuses %s, which would leave the renderer folder', async (url) => {
    const response = await handle(new Request(url))
    expect([403, 404]).toContain(response.status)
    expect(await response.text()).not.toContain('top secret')
  })

  it('refuses other hosts, other methods and missing files', async () => {
    expect((await handle(new Request('app://elsewhere/office/index.html'))).status).toBe(404)
    expect((await handle(new Request('app://hallway/office/index.html', { method: 'POST', body: 'x' }))).status).toBe(405)
    expect((await handle(new Request('app://hallway/office/missing.js'))).status).toBe(404)
    expect((await handle(new Request('app://hallway/office/'))).status).toBe(404)
  })
})
