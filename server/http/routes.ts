import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Metrics } from './metrics'

export interface RouteDeps {
  metrics: Metrics
  isDraining(): boolean
  gauges(): { connections: number; docsLoaded: number }
}

/** Plain HTTP endpoints beside the sync path: health, readiness, metrics. */
export function createRequestHandler(deps: RouteDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
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
