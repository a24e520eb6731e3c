import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Metrics } from '../observe/metrics'

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>

export interface RouteDeps {
  metrics: Metrics
  /**
   * Side services by exact path (e.g. POST /api/livekit/token), or by a key ending in `/` for every
   * path directly under it (GET /api/avatars/<sha256>); each handles its own methods.
   */
  api?: ReadonlyMap<string, RouteHandler>
  isDraining(): boolean
  gauges(): { connections: number; docsLoaded: number; awarenessClocks: number }
}

/** Plain HTTP endpoints beside the sync path: health, readiness, metrics, side services. */
export function createRequestHandler(deps: RouteDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    const api = deps.api?.get(path) ?? deps.api?.get(path.slice(0, path.lastIndexOf('/') + 1))
    if (api) {
      // Web and Electron views call these from another origin. They authenticate with bearer
      // tokens, never cookies, so any origin may ask.
      res.setHeader('Access-Control-Allow-Origin', '*')
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'Access-Control-Allow-Methods': 'GET, POST',
          'Access-Control-Allow-Headers': 'Authorization, Content-Type',
          'Access-Control-Max-Age': '600',
        })
        res.end()
        return
      }
      Promise.resolve(api(req, res)).catch(() => {
        if (!res.headersSent) reply(res, 500, 'internal error\n')
        else res.destroy()
      })
      return
    }
    const known = path === '/healthz' || path === '/readyz' || path === '/metrics'
    if (!known) return reply(res, 404, 'not found\n')
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' })
    switch (path) {
      case '/healthz':
        return reply(res, 200, 'ok')
      case '/readyz':
        return deps.isDraining() ? reply(res, 503, 'draining') : reply(res, 200, 'ready')
      case '/metrics':
        return reply(res, 200, deps.metrics.render({ ...deps.gauges(), draining: deps.isDraining() }), {
          'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
        })
    }
  }
}

function reply(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers })
  res.end(res.req.method === 'HEAD' ? undefined : body)
}
