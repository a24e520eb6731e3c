// Unfurl timings the tests only assert as behaviour: the meta-tag scan on hostile pages, how fast a
// private target is refused, when a silent page is cut, how fast a full queue says busy, and sync
// round trips while 50 unfurls hang.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { PresenceCore } from '../../shared/core/engine'
import { extractMeta } from '../../server/unfurl/meta-tags'
import type { RunningServer, StartOptions } from '../../server/start'
import { HOSTILE_PAGES } from '../../server/testing/hostile-html'
import { createTestTeam, openCore, removeTempDirs, requestJson, startTestServer, tempDir, tokenFor, waitFor } from '../../server/testing/harness'
import { percentile } from '../fanout/stats'
import type { Figure } from '../presence'

const ms = (value: number) => Math.round(value * 10) / 10

async function timed<T>(run: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const started = performance.now()
  const value = await run()
  return { value, ms: performance.now() - started }
}

/** A loopback page that accepts connections and never answers; counts them. */
async function silentPage(): Promise<{ base: string; connections: () => number; server: Server }> {
  const server = createServer(() => {})
  let connections = 0
  server.on('connection', () => connections++)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections, server }
}

export async function runUnfurlTimings(): Promise<Figure[]> {
  const figures: Figure[] = []
  const scans = await Promise.all(HOSTILE_PAGES.map((html) => timed(() => extractMeta(html, new URL('https://news.example/')))))
  figures.push({ name: `meta-tag scan, slowest of ${HOSTILE_PAGES.length} hostile pages (≤400k chars)`, value: ms(Math.max(...scans.map((s) => s.ms))), unit: 'ms' })

  const servers: RunningServer[] = []
  const cores: PresenceCore[] = []
  const page = await silentPage()
  const start = async (unfurl: StartOptions['unfurl']) => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir, 'Bench')
    const server = await startTestServer(dir, { unfurl })
    servers.push(server)
    const token = await tokenFor(dir, teamId, 'ada')
    const ask = (url: string) => timed(() => requestJson(`${server.url}/api/unfurl?url=${encodeURIComponent(url)}`, { token }))
    return { dir, teamId, server, ask }
  }
  try {
    const production = await start({ connectTimeoutMs: 3000 })
    const refusal = await production.ask('http://10.0.0.1/')
    figures.push({ name: `private address refused (${refusal.value.status}; a connect attempt would wait 3000 ms)`, value: ms(refusal.ms), unit: 'ms' })

    const hook = { allowLoopbackForTests: true, connectTimeoutMs: 1000, totalTimeoutMs: 1000, concurrency: 2, queueLimit: 1 }
    const loopback = await start(hook)
    const cut = await loopback.ask(`${page.base}/cut`)
    figures.push({ name: `silent page cut (${cut.value.status}) at a 1000 ms total timeout`, value: ms(cut.ms), unit: 'ms' })
    const connectedBefore = page.connections()
    const hanging = [1, 2, 3].map((i) => loopback.ask(`${page.base}/queued/${i}`))
    await waitFor('two fetches connected', () => page.connections() === connectedBefore + 2)
    const busy = await loopback.ask(`${page.base}/busy`)
    figures.push({ name: `full queue answers ${busy.value.status}`, value: ms(busy.ms), unit: 'ms' })
    await Promise.all(hanging)

    const isolated = await start({ allowLoopbackForTests: true, totalTimeoutMs: 30_000 })
    const ada = await openCore(isolated.server.url, await tokenFor(isolated.dir, isolated.teamId, 'ada'))
    const bob = await openCore(isolated.server.url, await tokenFor(isolated.dir, isolated.teamId, 'bob'))
    cores.push(ada, bob)
    await Promise.all([ada.whenSynced(), bob.whenSynced()])
    const connectedBeforeHang = page.connections()
    const stuck = Array.from({ length: 50 }, (_, i) => isolated.ask(`${page.base}/hang/${i}`).catch(() => null))
    await waitFor('the fetches to be hanging', () => page.connections() >= connectedBeforeHang + 16)
    const roundTrips: number[] = []
    for (let i = 0; i < 20; i++) {
      const trip = await timed(async () => {
        await ada.execute({ type: 'createRoom', name: `Room ${i}`, kind: 'open' })
        await waitFor(`bob to see room ${i}`, () => Object.values(bob.view().rooms).some((room) => room.name === `Room ${i}`))
      })
      roundTrips.push(trip.ms)
    }
    roundTrips.sort((a, b) => a - b)
    figures.push({ name: 'sync round trip while 50 unfurls hang, p50', value: ms(percentile(roundTrips, 0.5)), unit: 'ms' })
    figures.push({ name: 'sync round trip while 50 unfurls hang, max of 20', value: ms(roundTrips.at(-1)!), unit: 'ms' })
    await Promise.all(cores.splice(0).map((core) => core.close()))
    await Promise.all(servers.splice(0).map((server) => server.close()))
    await Promise.all(stuck)
  } finally {
    await Promise.all(cores.map((core) => core.close()))
    await Promise.all(servers.map((server) => server.close()))
    page.server.closeAllConnections()
    await new Promise((resolve) => page.server.close(resolve))
    removeTempDirs()
  }
  return figures
}
