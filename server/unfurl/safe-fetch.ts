import { Resolver } from 'node:dns/promises'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib'
import { denialOf } from './address-policy'
import { UnfurlFailure, parseTarget } from './unfurl-target'

export interface FetchLimits {
  /** TCP (and TLS) connect, per hop. */
  connectTimeoutMs: number
  /** Bytes of body read (after decompression); the rest is never read. */
  maxBytes: number
  maxRedirects: number
  /** Tests only: lets fetches reach 127.0.0.0/8. */
  allowLoopback: boolean
  /** DNS servers to ask ("ip" or "ip:port"); empty for the system's. */
  dnsServers: readonly string[]
}

export interface FetchedPage {
  url: URL
  html: string
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

/**
 * GETs an HTML page from a public http(s) address. Each hop resolves the name itself, refuses if
 * any resolved address is private, and connects to the vetted address (so a second DNS answer
 * cannot point somewhere else); redirects go through the same checks. `signal` carries the
 * overall deadline.
 */
export async function fetchPage(start: URL, limits: FetchLimits, signal: AbortSignal): Promise<FetchedPage> {
  let url = start
  for (let hop = 0; ; hop++) {
    const address = await vetTarget(url, limits, signal)
    const response = await requestOnce(url, address, limits, signal)
    const location = response.headers.location
    if (REDIRECTS.has(response.statusCode ?? 0) && location) {
      response.destroy()
      if (hop >= limits.maxRedirects) throw new UnfurlFailure(422, 'too-many-redirects', `more than ${limits.maxRedirects}`)
      url = parseTarget(location, url)
      continue
    }
    if ((response.statusCode ?? 0) < 200 || (response.statusCode ?? 0) >= 300) {
      response.destroy()
      throw new UnfurlFailure(502, 'upstream-status', `the page answered ${response.statusCode}`)
    }
    const type = response.headers['content-type'] ?? ''
    if (!/^\s*(text\/html|application\/xhtml\+xml)\b/i.test(type)) {
      response.destroy()
      throw new UnfurlFailure(422, 'not-html', type ? `content type ${type.slice(0, 100)}` : 'no content type')
    }
    const body = await readCapped(response, limits.maxBytes, signal)
    return { url, html: decodeText(body, type) }
  }
}

async function vetTarget(url: URL, limits: FetchLimits, signal: AbortSignal): Promise<{ address: string; family: number }> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  // RFC 6761: these names are loopback wherever they resolve.
  if (/(^|\.)localhost\.?$/i.test(host) && !limits.allowLoopback) {
    throw new UnfurlFailure(403, 'target-not-allowed', `${url.hostname} is a loopback name`)
  }
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host, limits, signal)
  for (const { address } of addresses) {
    const denial = denialOf(address, { allowLoopback: limits.allowLoopback })
    if (denial) throw new UnfurlFailure(403, 'target-not-allowed', `${url.hostname} is a ${denial} address (${address})`)
  }
  return addresses[0]!
}

/**
 * Asks DNS directly (c-ares) rather than getaddrinfo: a slow resolver then occupies no thread of
 * libuv's small pool, which file access and token verification share.
 */
async function resolve(host: string, limits: FetchLimits, signal: AbortSignal): Promise<Array<{ address: string; family: number }>> {
  const resolver = new Resolver({ timeout: limits.connectTimeoutMs, tries: 2 })
  if (limits.dnsServers.length > 0) resolver.setServers([...limits.dnsServers])
  const stop = () => resolver.cancel()
  signal.addEventListener('abort', stop, { once: true })
  try {
    const [v4, v6] = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)])
    if (signal.aborted) throw asFailure(signal.reason, signal)
    const addresses = [
      ...(v4.status === 'fulfilled' ? v4.value.map((address) => ({ address, family: 4 })) : []),
      ...(v6.status === 'fulfilled' ? v6.value.map((address) => ({ address, family: 6 })) : []),
    ]
    if (addresses.length === 0) throw new UnfurlFailure(502, 'dns-failed', `${host} did not resolve`)
    return addresses
  } finally {
    signal.removeEventListener('abort', stop)
  }
}

function requestOnce(url: URL, target: { address: string; family: number }, limits: FetchLimits, signal: AbortSignal): Promise<IncomingMessage> {
  // Connects to the vetted address whatever the name resolves to by now; TLS still checks the name.
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [target])
    else callback(null, target.address, target.family)
  }
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1')
  return new Promise((resolvePromise, reject) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)({
      hostname,
      port: url.port || undefined,
      path: url.pathname + url.search,
      method: 'GET',
      agent: false,
      lookup: pinned,
      servername: isIP(hostname) ? undefined : hostname,
      headers: {
        'User-Agent': 'HallwayUnfurl/1 (link previews)',
        Accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
        'Accept-Encoding': 'gzip, deflate, br',
      },
      signal,
    })
    const connectTimer = setTimeout(
      () => request.destroy(new UnfurlFailure(504, 'connect-timeout', `no connection within ${limits.connectTimeoutMs} ms`)),
      limits.connectTimeoutMs,
    )
    request.once('socket', (socket) => socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer)))
    request.once('response', (response) => {
      clearTimeout(connectTimer)
      resolvePromise(response)
    })
    request.once('error', (error) => {
      clearTimeout(connectTimer)
      reject(asFailure(error, signal))
    })
    request.end()
  })
}

async function readCapped(response: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const encoding = (response.headers['content-encoding'] ?? 'identity').trim().toLowerCase()
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : null
  if (!decoder && encoding !== 'identity') {
    response.destroy()
    throw new UnfurlFailure(422, 'not-html', `unknown content encoding ${encoding.slice(0, 40)}`)
  }
  const source = decoder ? response.pipe(decoder) : response
  if (decoder) response.once('error', (error) => decoder.destroy(error))
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      chunks.push(chunk.subarray(0, maxBytes - size))
      size += chunk.length
      if (size >= maxBytes) break
    }
  } catch (error) {
    throw asFailure(error, signal)
  } finally {
    // Stops reading: past the cap the rest of the page is never downloaded.
    response.destroy()
    decoder?.destroy()
  }
  return Buffer.concat(chunks)
}

function decodeText(body: Buffer, contentType: string): string {
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1] ?? 'utf-8'
  try {
    return new TextDecoder(charset).decode(body)
  } catch {
    return new TextDecoder('utf-8').decode(body)
  }
}

function asFailure(error: unknown, signal: AbortSignal): UnfurlFailure {
  if (error instanceof UnfurlFailure) return error
  if (signal.aborted && signal.reason instanceof UnfurlFailure) return signal.reason
  return new UnfurlFailure(502, 'fetch-failed', (error as Error).message?.slice(0, 200))
}
