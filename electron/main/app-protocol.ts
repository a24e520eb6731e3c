import { readFile } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'
import { APP_AVATAR_PHOTOS_PATH } from '../../shared/contract/avatar-api'
import type { ElectronApi, SessionLike } from './electron-api'

export const APP_SCHEME = 'app'
export const APP_HOST = 'hallway'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/**
 * Scripts only from our own files; no eval, plugins, frames, forms or base tags. Inline styles are
 * allowed because Solid templates carry static style attributes; the view talks to the core over a
 * MessagePort, so it needs no network at all.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  // Link previews show the linked page's https image.
  "img-src 'self' data: blob: https:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** The media host page (renderer/media/host), the one page that talks to the network itself. */
export const MEDIA_HOST_PAGE = '/media/host/index.html'

/**
 * The media host fetches call tokens from the sync server and connects to the LiveKit server whose
 * address arrives with the token, so neither is known when the page is served.
 */
const MEDIA_HOST_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("connect-src 'self'", "connect-src 'self' http: https: ws: wss:")

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
}

/**
 * Must run before the app is ready: a standard, secure scheme gets origins, fetch and storage. And V8's
 * code cache, which Chromium keeps only for http(s) unless a scheme asks: without it every launch
 * compiles the office's bundle again before its first frame (a browser tab reuses its compiled code).
 */
export function registerAppScheme(protocol: ElectronApi['protocol']): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ])
}

function refuse(status: 403 | 404 | 405): Response {
  return new Response(null, { status, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } })
}

/**
 * Serves the built renderer from `rootDir` at app://hallway/. Anything that would resolve outside
 * it (dot segments, encoded slashes or backslashes) is refused, whatever the URL parser left in.
 */
export function appRequestHandler(
  rootDir: string,
  read: (path: string) => Promise<Uint8Array> = readFile,
  /** Answers app://hallway/avatars/…: the photo relay once main knows the server, else nothing is there. */
  avatarPhotos: (request: Request) => Promise<Response> = async () => refuse(404),
) {
  const root = resolve(rootDir)
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405)
    const url = new URL(request.url)
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refuse(404)
    if (url.pathname.startsWith(`${APP_AVATAR_PHOTOS_PATH}/`)) return avatarPhotos(request)
    let relative: string
    try {
      relative = decodeURIComponent(url.pathname)
    } catch {
      return refuse(404)
    }
    if (relative.includes('\0') || relative.includes('\\')) return refuse(403)
    const path = resolve(root, '.' + relative)
    if (!path.startsWith(root + sep)) return refuse(403)
    let body: Uint8Array
    try {
      body = await read(path)
    } catch {
      return refuse(404)
    }
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers: {
        'Content-Type': contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': url.pathname === MEDIA_HOST_PAGE ? MEDIA_HOST_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      },
    })
  }
}

export function serveAppProtocol(session: SessionLike, rootDir: string, avatarPhotos?: (request: Request) => Promise<Response>): void {
  session.protocol.handle(APP_SCHEME, appRequestHandler(rootDir, readFile, avatarPhotos))
}
