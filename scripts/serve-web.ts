import { existsSync, readdirSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

const repo = resolve(fileURLToPath(new URL('..', import.meta.url)))
export const WEB_ROOT = join(repo, 'out/web')
const WEB_CONFIG = join(repo, 'vite.web.config.ts')
/** What goes into the web bundle: a change under any of these makes out/web stale. */
const WEB_SOURCES = ['renderer', 'shared', 'resources/avatars', 'resources/status-emoji', 'vite.web.config.ts'].map((path) => join(repo, path))

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
}

function newestChange(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false })
  if (!stat) return 0
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestChange(join(path, entry))), stat.mtimeMs)
}

/** Builds out/web when it is missing or older than its sources. */
export async function ensureWebBuild(options: { quiet?: boolean; onBuild?: () => void } = {}): Promise<void> {
  const index = join(WEB_ROOT, 'index.html')
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...WEB_SOURCES.map(newestChange))) return
  options.onBuild?.()
  const { build } = await import('vite')
  await build({ configFile: WEB_CONFIG, logLevel: options.quiet ? 'error' : 'info' })
}

/** The page may talk to its own origin, the sync server (HTTP API and WebSocket) and the call server. */
export function contentSecurityPolicy(serverUrl: string, livekitUrl?: string): string {
  const server = new URL(serverUrl)
  const socket = `${server.protocol === 'https:' ? 'wss:' : 'ws:'}//${server.host}`
  const calls = livekitUrl ? ` ${livekitOrigins(livekitUrl)}` : ''
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self'",
    "style-src 'self'",
    // Link previews show the linked page's https image; photo avatars come from the sync server
    // (which may be plain http on a LAN); the join form previews a picked photo as data:.
    `img-src 'self' data: https: ${server.origin}`,
    `connect-src 'self' ${server.origin} ${socket}${calls}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** livekit-client signals over ws(s) and checks failed joins over http(s) on the same host. */
function livekitOrigins(livekitUrl: string): string {
  const { protocol, host } = new URL(livekitUrl)
  const secure = protocol === 'wss:' || protocol === 'https:'
  return `${secure ? 'wss' : 'ws'}://${host} ${secure ? 'https' : 'http'}://${host}`
}

export interface WebServerOptions {
  serverUrl: string
  /** The LiveKit server the sync server hands call tokens for; without it calls are blocked. */
  livekitUrl?: string
  port?: number
  host?: string
  root?: string
}

export interface RunningWebServer {
  /** Base URL of the web client. */
  url: string
  /** The client already pointed at the sync server: open it and paste a token. */
  openUrl: string
  close(): Promise<void>
}

/** Serves a built web client (static files only) with a strict CSP for one sync server. */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const root = resolve(options.root ?? WEB_ROOT)
  const serverUrl = new URL(options.serverUrl).href.replace(/\/+$/, '')
  const headers = {
    'Content-Security-Policy': contentSecurityPolicy(serverUrl, options.livekitUrl),
    'X-Content-Type-Options': 'nosniff',
    // The address carries the sign-in token.
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  }

  const server = createServer((req, res) => {
    serveFile(root, req, res, headers).catch(() => {
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })
  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(options.port ?? 5173, options.host ?? '127.0.0.1', done)
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  const url = `http://${host}:${address.port}/`
  return {
    url,
    openUrl: `${url}?${new URLSearchParams({ server: serverUrl })}`,
    close: () =>
      new Promise((done) => {
        server.close(() => done())
        server.closeAllConnections()
      }),
  }
}

async function serveFile(root: string, req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end()
    return
  }
  let pathname: string
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
  } catch {
    res.writeHead(400).end()
    return
  }
  const file = normalize(join(root, pathname.endsWith('/') ? pathname + 'index.html' : pathname))
  const type = mimeTypes[extname(file)]
  if (!file.startsWith(root + sep) || !type || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end('Not found')
    return
  }
  const body = await readFile(file)
  res.writeHead(200, {
    ...headers,
    'Content-Type': type,
    'Content-Length': body.byteLength,
    // Vite puts a content hash in every asset name; the page itself must always be fresh.
    'Cache-Control': file.startsWith(join(root, 'assets') + sep) ? 'public, max-age=31536000, immutable' : 'no-cache',
  })
  res.end(req.method === 'HEAD' ? undefined : body)
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5173' },
      host: { type: 'string', default: '127.0.0.1' },
      server: { type: 'string', default: 'http://127.0.0.1:8787' },
      livekit: { type: 'string' },
    },
  })
  await ensureWebBuild()
  const web = await startWebServer({ serverUrl: values.server, port: Number(values.port), host: values.host, ...(values.livekit ? { livekitUrl: values.livekit } : {}) })
  console.log(`Hallway web client: ${web.openUrl}`)
  const stop = () => void web.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
