// A generic update feed on 127.0.0.1 serving a folder (yml and artifacts), as a static host would.
// `down` answers 503 to everything, playing a feed that is unreachable for a while.
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { basename, join } from 'node:path'

export interface FeedServer {
  url: string
  down: boolean
  /** Every request: its path (no query) and headers, and the status answered. */
  requests: { path: string; headers: IncomingHttpHeaders; status: number }[]
  close(): Promise<void>
}

export async function startFeedServer(dir: string): Promise<FeedServer> {
  const feed: FeedServer = { url: '', down: false, requests: [], close: async () => {} }
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://feed').pathname
    const answer = (status: number, body: Buffer | string) => {
      feed.requests.push({ path, headers: req.headers, status })
      res.writeHead(status, { 'content-length': Buffer.byteLength(body) }).end(body)
    }
    if (feed.down) return answer(503, 'feed down')
    readFile(join(dir, basename(path))).then(
      (body) => answer(200, body),
      () => answer(404, 'not found'),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  feed.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  feed.close = () => new Promise((resolve) => server.close(() => resolve()))
  return feed
}
