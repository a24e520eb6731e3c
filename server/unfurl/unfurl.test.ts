import { createSocket, type Socket as UdpSocket } from 'node:dgram'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { unfurlErrorSchema, unfurlResponseSchema } from '../../shared/contract/unfurl-api'
import type { PresenceCore } from '../../shared/core/engine'
import type { RunningServer, StartOptions } from '../start'
import { createTestTeam, openCore, removeTempDirs, requestJson, startTestServer, tempDir, tokenFor, waitFor } from '../testing/harness'

const servers: RunningServer[] = []
const targets: Server[] = []
const cores: PresenceCore[] = []
const resolvers: UdpSocket[] = []
afterEach(async () => {
  for (const resolver of resolvers.splice(0)) resolver.close()
  await Promise.all(cores.splice(0).map((core) => core.close()))
  await Promise.all(servers.splice(0).map((server) => server.close()))
  for (const target of targets.splice(0)) target.closeAllConnections()
  await Promise.all(targets.map((target) => new Promise((resolve) => target.close(resolve))))
})
afterAll(removeTempDirs)

/** A web page on loopback; counts the connections it was asked for, and those the asker hung up. */
async function target(handle: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handle)
  let connections = 0
  let hungUp = 0
  server.on('connection', (socket) => {
    connections++
    socket.on('close', () => hungUp++)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  targets.push(server)
  const port = (server.address() as AddressInfo).port
  return { port, base: `http://127.0.0.1:${port}`, connections: () => connections, hungUp: () => hungUp }
}

/**
 * A DNS server on loopback answering A queries from `names` (AAAA: no records). It records every
 * question, so a test can tell how often a name was looked up.
 */
async function dnsServer(names: Record<string, string>) {
  const socket = createSocket('udp4')
  const questions: string[] = []
  socket.on('message', (query, peer) => {
    const labels: string[] = []
    let at = 12
    while (query[at]! > 0) {
      labels.push(query.subarray(at + 1, at + 1 + query[at]!).toString('ascii'))
      at += query[at]! + 1
    }
    const name = labels.join('.').toLowerCase()
    const type = query.readUInt16BE(at + 1)
    questions.push(`${type === 1 ? 'A' : type === 28 ? 'AAAA' : type} ${name}`)
    const address = type === 1 ? names[name] : undefined
    const header = Buffer.from([query[0]!, query[1]!, 0x81, 0x80, 0, 1, 0, address ? 1 : 0, 0, 0, 0, 0])
    const question = query.subarray(12, at + 5)
    const answer = address
      ? Buffer.from([0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, ...address.split('.').map(Number)])
      : Buffer.alloc(0)
    socket.send(Buffer.concat([header, question, answer]), peer.port, peer.address)
  })
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve))
  resolvers.push(socket)
  return { server: `127.0.0.1:${socket.address().port}`, questions }
}

function html(res: ServerResponse, body: string, status = 200): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' })
  res.end(body)
}

async function setup(unfurl: StartOptions['unfurl'] = {}) {
  const dir = tempDir()
  const teamId = await createTestTeam(dir, 'Acme')
  const server = await startTestServer(dir, { unfurl })
  servers.push(server)
  const token = await tokenFor(dir, teamId, 'ada')
  const ask = (url: string, as = token) => requestJson(`${server.url}/api/unfurl?url=${encodeURIComponent(url)}`, { token: as })
  return { dir, teamId, server, ask }
}

describe('GET /api/unfurl refuses private targets (the production policy)', () => {
  it('by address, by resolved name and by scheme, without connecting', async () => {
    const { dir, teamId, ask } = await setup({ connectTimeoutMs: 3000 })
    const page = await target((_req, res) => html(res, '<title>Secret</title>'))
    for (const url of [
      page.base,
      `http://localhost:${page.port}/`,
      `http://[::1]:${page.port}/`,
      'http://10.0.0.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[fe80::1]/',
      'http://100.64.0.1/',
      'http://[::ffff:127.0.0.1]/',
      'http://0.0.0.0/',
    ]) {
      const { status, body } = await ask(url)
      // A connection attempt (to 10.0.0.1, say) would end in 504 at the connect timeout, not in 403.
      expect({ url, status, error: body.error }).toEqual({ url, status: 403, error: 'target-not-allowed' })
      expect(unfurlErrorSchema.parse(body).detail).toMatch(/address|loopback name/)
    }
    expect(page.connections()).toBe(0)
    expect((await ask('ftp://example.com/')).body.error).toBe('bad-url')
    expect((await ask('http://user:pw@example.com/')).status).toBe(400)
    expect((await ask(page.base, await tokenFor(dir, teamId, 'gus', 'guest'))).status).toBe(403)
    expect((await ask(page.base, 'forged')).status).toBe(401)
  })
})

describe('GET /api/unfurl resolves names itself, checks every address and connects to it', () => {
  it('refuses a name that resolves to a private address, with the production policy', async () => {
    const dns = await dnsServer({ 'intranet.test': '10.1.2.3', 'metadata.test': '169.254.169.254', 'home.test': '127.0.0.1' })
    const { ask } = await setup({ dnsServers: [dns.server] })
    for (const name of ['intranet.test', 'metadata.test', 'home.test']) {
      const { status, body } = await ask(`http://${name}/`)
      expect({ name, status, error: body.error }).toEqual({ name, status: 403, error: 'target-not-allowed' })
    }
    expect(dns.questions).toEqual(expect.arrayContaining(['A intranet.test', 'A metadata.test', 'A home.test']))
  })

  it('asks DNS once per fetch and connects to the address it checked (no second lookup to rebind)', async () => {
    const dns = await dnsServer({ 'page.test': '127.0.0.1' })
    const { ask } = await setup({ dnsServers: [dns.server], allowLoopbackForTests: true })
    let host = ''
    const site = await target((req, res) => {
      host = req.headers.host ?? ''
      html(res, '<title>By name</title>')
    })
    const { status, body } = await ask(`http://page.test:${site.port}/`)
    expect(status).toBe(200)
    expect(body).toMatchObject({ title: 'By name', url: `http://page.test:${site.port}/`, siteName: 'page.test' })
    expect(host).toBe(`page.test:${site.port}`)
    expect(dns.questions.sort()).toEqual(['A page.test', 'AAAA page.test'])
  })
})

describe('GET /api/unfurl against loopback pages (test hook on)', () => {
  const hook = { allowLoopbackForTests: true, connectTimeoutMs: 1000, totalTimeoutMs: 1000 }

  it('reads title, og: and twitter: tags, follows a redirect, and caches per URL', async () => {
    const { ask } = await setup(hook)
    let pageHits = 0
    const site = await target((req, res) => {
      if (req.url === '/short') {
        res.writeHead(302, { Location: '/article?id=7' })
        return res.end()
      }
      pageHits++
      html(
        res,
        `<!doctype html><html><head><title>Fallback title</title>
         <meta property="og:title" content="Ships &amp; Harbors">
         <meta name="twitter:description" content="A long read about   ports.">
         <meta property="og:image" content="/img/cover.png">
         <meta property="og:site_name" content="The Harbor Times"></head><body>…</body></html>`,
      )
    })
    const first = await ask(`${site.base}/short`)
    expect(first.status).toBe(200)
    expect(unfurlResponseSchema.parse(first.body)).toEqual({
      url: `${site.base}/article?id=7`,
      title: 'Ships & Harbors',
      description: 'A long read about ports.',
      image: `${site.base}/img/cover.png`,
      siteName: 'The Harbor Times',
    })
    expect((await ask(`${site.base}/short`)).body).toEqual(first.body)
    expect(pageHits).toBe(1)
  })

  it('stops reading past the size cap and still answers from what it read', async () => {
    const { ask } = await setup({ ...hook, maxBytes: 64 * 1024 })
    let written = 0
    let closed = false
    const endless = await target((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' })
      res.write('<html><head><title>Endless</title></head><body>')
      const chunk = '<p>' + 'x'.repeat(16 * 1024) + '</p>'
      const pump = () => {
        while (!closed && res.write(chunk)) written += chunk.length
      }
      res.on('drain', pump)
      res.on('close', () => (closed = true))
      pump()
    })
    const { status, body } = await ask(endless.base)
    expect(status).toBe(200)
    expect(body.title).toBe('Endless')
    await waitFor('the page to be hung up on', () => closed)
    // What the page managed to write is bounded by the cap plus socket buffers, not the page.
    expect(written).toBeLessThan(16 * 1024 * 1024)
  })

  it('cuts a page that never answers at the total timeout: 504, and the connection to the page is closed', async () => {
    const { ask } = await setup(hook)
    const silent = await target(() => {})
    const { status, body } = await ask(silent.base)
    expect(status).toBe(504)
    expect(body.error).toBe('timeout')
    expect(silent.connections()).toBe(1)
    await waitFor('the page to be hung up on', () => silent.hungUp() === 1)
  })

  it('refuses a redirect to a private address, too many redirects, and pages that are not HTML', async () => {
    const { ask } = await setup(hook)
    const site = await target((req, res) => {
      const to = { '/metadata': 'http://169.254.169.254/latest/', '/inside': 'http://10.1.2.3/admin', '/loop': '/loop' }[req.url ?? '']
      if (to) {
        res.writeHead(301, { Location: to })
        return res.end()
      }
      if (req.url === '/pdf') {
        res.writeHead(200, { 'Content-Type': 'application/pdf' })
        return res.end('%PDF')
      }
      html(res, 'gone', 404)
    })
    for (const path of ['/metadata', '/inside']) {
      const { status, body } = await ask(`${site.base}${path}`)
      expect({ path, status, error: body.error }).toEqual({ path, status: 403, error: 'target-not-allowed' })
    }
    expect((await ask(`${site.base}/loop`)).body).toMatchObject({ error: 'too-many-redirects' })
    expect((await ask(`${site.base}/pdf`)).body).toMatchObject({ error: 'not-html' })
    expect((await ask(`${site.base}/missing`)).status).toBe(502)
  })

  it('caps concurrent fetches: a full queue answers 503 while the fetches ahead of it still hang', async () => {
    const { ask } = await setup({ ...hook, totalTimeoutMs: 1500, concurrency: 2, queueLimit: 1 })
    const silent = await target(() => {})
    let answered = 0
    const hanging = [1, 2, 3].map((i) => ask(`${silent.base}/${i}`).finally(() => answered++))
    await waitFor('two fetches to be connected', () => silent.connections() === 2)
    const { status, body } = await ask(`${silent.base}/4`)
    expect({ status, error: body.error }).toEqual({ status: 503, error: 'busy' })
    expect(answered).toBe(0)
    expect((await Promise.all(hanging)).map((answer) => answer.status)).toEqual([504, 504, 504])
  })
})

describe('unfurling is isolated from sync', () => {
  it('50 hanging targets do not hold up sync: two members converge while every unfurl still hangs', async () => {
    const { dir, teamId, server, ask } = await setup({ allowLoopbackForTests: true, totalTimeoutMs: 10_000 })
    const silent = await target(() => {})
    const ada = await openCore(server.url, await tokenFor(dir, teamId, 'ada', 'admin'))
    const bob = await openCore(server.url, await tokenFor(dir, teamId, 'bob'))
    cores.push(ada, bob)
    await Promise.all([ada.whenSynced(), bob.whenSynced()])

    let answered = 0
    const hanging = Array.from({ length: 50 }, (_, i) => ask(`${silent.base}/hang/${i}`).finally(() => answered++))
    await waitFor('the fetches to be hanging', () => silent.connections() >= 16)
    for (let i = 0; i < 5; i++) {
      expect(await ada.execute({ type: 'createRoom', name: `Room ${i}`, kind: 'open' })).toEqual({ ok: true })
      await waitFor(`bob to see room ${i}`, () => Object.values(bob.view().rooms).some((room) => room.name === `Room ${i}`))
    }
    expect(await ada.execute({ type: 'enterRoom', roomId: 'kitchen' })).toEqual({ ok: true })
    await waitFor('bob to see ada in the kitchen', () => bob.view().rooms.kitchen?.occupants.includes('ada'))
    // The round trips' times under this load are in `npm run bench`.
    expect(answered).toBe(0)
    expect(silent.connections()).toBe(16)
    await server.close()
    servers.splice(0)
    expect(new Set((await Promise.all(hanging.map((answer) => answer.catch(() => null)))).map((answer) => answer?.status ?? 'hung up'))).not.toContain(200)
  })
})
