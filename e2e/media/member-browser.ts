// Chromium members for media tests and benchmarks: fake devices, the test page served from
// out/media-test without any web server, and a call token minted by server/livekit.
import { readFile } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { ClientNetns, Sfu } from '../../scripts/livekit/sfu'
import { mintCallToken } from '../../server/livekit/call-access'
import { ensureTestPageBuilt } from './test-page-build'

export const testPageDir = fileURLToPath(new URL('../../out/media-test', import.meta.url))
// localhost: a secure context (getUserMedia) in the most private address space, so Local Network
// Access lets it reach the SFU's private address. Served by route interception, never a socket.
const PAGE_ORIGIN = 'http://localhost:5199'

export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
]

export async function launchMemberBrowser(options: { netns?: ClientNetns; extraFlags?: string[] } = {}): Promise<Browser> {
  return chromium.launch({
    headless: true,
    executablePath: options.netns?.executablePath ?? '/usr/bin/chromium',
    args: [...chromiumFlags, ...(options.extraFlags ?? [])],
    ...(options.netns ? { env: { ...process.env, HALLWAY_NETNS: options.netns.namespace } } : {}),
  })
}

const contentTypes: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json' }

export interface MemberOptions {
  identity: string
  room?: string
  role?: 'member' | 'guest'
  mic?: boolean
  camera?: boolean
  /** Camera capture height: 360 keeps three encoders affordable on a small machine. */
  res?: 180 | 360 | 720
  autojoin?: boolean
}

export async function callToken(sfu: Sfu, identity: string, room: string, role: 'member' | 'guest' = 'member'): Promise<string> {
  const claims = { sub: identity, team: 'media-test', role, name: identity, exp: Math.floor(Date.now() / 1000) + 3600 }
  const { token } = await mintCallToken(claims, { teamId: 'media-test', roomId: room }, { door: 'open' }, { url: sfu.url, apiKey: sfu.apiKey, apiSecret: sfu.apiSecret })
  return token
}

/** A page of its own browser context (separate devices and storage), joined unless autojoin is false. */
export async function openMember(browser: Browser, sfu: Sfu, options: MemberOptions): Promise<Page> {
  await ensureTestPageBuilt()
  // The SFU sits on a private address: Chromium's Local Network Access asks first. Granted media
  // permissions also keep host ICE candidates plain addresses, so no mDNS goes out for a listener.
  const context = await browser.newContext({
    viewport: { width: 1300, height: 800 },
    permissions: ['local-network-access', 'camera', 'microphone'],
  })
  await context.route(`${PAGE_ORIGIN}/**`, async (route) => {
    const path = normalize(new URL(route.request().url()).pathname).replace(/^\/+/, '') || 'index.html'
    const body = await readFile(join(testPageDir, path)).catch(() => null)
    if (!body) return route.fulfill({ status: 404, body: 'not found' })
    return route.fulfill({ status: 200, body, contentType: contentTypes[extname(path)] ?? 'application/octet-stream' })
  })
  const page = await context.newPage()
  const query = new URLSearchParams({
    url: sfu.url,
    token: await callToken(sfu, options.identity, options.room ?? 'lounge', options.role),
    mic: options.mic === false ? '0' : '1',
    camera: options.camera === false ? '0' : '1',
    res: String(options.res ?? 360),
    autojoin: options.autojoin === false ? '0' : '1',
  })
  await page.goto(`${PAGE_ORIGIN}/index.html?${query}`)
  return page
}
