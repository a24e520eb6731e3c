// The office's reload paint alone (issue 12), with where its time goes: the same page, team and
// crowd as bench/office.ts's paint figure (seeded 1,000 members, 50 rooms, 300 online, 1440×900), plus
// a status symbol on every fourth member's face, reloaded several times, one reload traced over CDP. Part of `npm run bench -- officePaint`;
// alone: node --import tsx bench/office-paint.ts
import { pathToFileURL } from 'node:url'
import { chromium, type Page } from 'playwright-core'
import { ensureWebBuild, startWebServer, WEB_ROOT } from '../scripts/serve-web'
import { loadOrCreateSecret } from '../server/auth/secret'
import { startCrowd } from '../server/cli/crowd'
import { silentLogger } from '../server/observe/log'
import { removeTempDirs, tempDir, tokenFor } from '../server/testing/harness'
import { startServerProcess } from './fanout/server-process'
import { PAGE_PROBES, type PageProbes } from './office-probes'
import { breakdownOf, type TraceEvent, type PaintBreakdown } from './office-paint-trace'
import type { Figure } from './presence'
import { printTable } from './report'
import { OFFICE_CROWD, OFFICE_MEMBERS, seedOfficeTeam } from './seeded-office'

const RELOADS = 7

interface Reload {
  paintMs: number
  mainScriptMs: number
  workerCreatedMs: number
  /** The longest main-thread task from the first face until the office is live (the saved view giving way to the core's among them). */
  longestUntilLiveMs: number
}

const bench = (page: Page) => page.evaluate(() => (window as unknown as { __bench: PageProbes }).__bench)

/** One reload: the first painted frame with rooms and faces, when the main bundle arrived, and when the core worker was created, each after navigation. */
async function reloadOnce(page: Page): Promise<Reload> {
  // The figure is the first face; the page's load event (every image) can take long on a busy machine.
  await page.reload({ timeout: 120_000 })
  await page.waitForFunction(() => (window as unknown as { __bench: PageProbes }).__bench.firstFace !== null, undefined, { timeout: 60_000 })
  const probes = await bench(page)
  const { origin, mainScript } = await page.evaluate(() => ({
    origin: performance.timeOrigin,
    mainScript: performance
      .getEntriesByType('resource')
      .filter((entry) => entry.name.includes('/assets/index-') && entry.name.endsWith('.js'))
      .map((entry) => (entry as PerformanceResourceTiming).responseEnd)[0] ?? NaN,
  }))
  await page.waitForSelector('.office[aria-busy="false"]', { timeout: 60_000 })
  const longestUntilLiveMs = await page.evaluate(longestTaskSince, probes.firstFace! - origin)
  return { paintMs: probes.firstFace! - origin, mainScriptMs: mainScript, workerCreatedMs: (probes.workerCreated ?? NaN) - origin, longestUntilLiveMs }
}

/** In the page: the longest task that started after `since` (ms after navigation), 0 if none; the observer hands buffered entries over asynchronously, so it listens a moment. */
function longestTaskSince(since: number): Promise<number> {
  return new Promise((done) => {
    let longest = 0
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.startTime >= since) longest = Math.max(longest, entry.duration)
    })
    observer.observe({ type: 'longtask', buffered: true })
    setTimeout(() => {
      observer.disconnect()
      done(longest)
    }, 300)
  })
}

/** A reload under a devtools.timeline trace: the main thread's time by kind, from navigation to the first face. */
async function tracedReload(page: Page): Promise<PaintBreakdown> {
  const cdp = await page.context().newCDPSession(page)
  const events: TraceEvent[] = []
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])))
  const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()))
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', 'devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading'] }, transferMode: 'ReportEvents' })
  const reload = await reloadOnce(page)
  await cdp.send('Tracing.end')
  await complete
  await cdp.detach()
  return breakdownOf(events, reload.paintMs)
}

export async function runOfficePaintBench(): Promise<Figure[]> {
  const dataDir = tempDir('hallway-bench-paint-')
  try {
    const teamId = await seedOfficeTeam(dataDir, 'Office paint bench', { statuses: true })
    await ensureWebBuild({ quiet: true })
    const server = await startServerProcess('ours', { dataDir })
    const serverUrl = `http://${new URL(server.syncUrl).host}`
    const crowd = await startCrowd({ serverUrl, secret: loadOrCreateSecret(dataDir), teamId, count: OFFICE_CROWD, movesPerSecond: 0, log: silentLogger, onlineTimeoutMs: 300_000 })
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' })
    const web = await startWebServer({ serverUrl, port: 0, root: WEB_ROOT })
    try {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
      const page = await context.newPage()
      await page.addInitScript(PAGE_PROBES)
      const token = await tokenFor(dataDir, teamId, 'bench-watcher')
      await page.goto(`${web.url}?${new URLSearchParams({ server: serverUrl, team: teamId, token })}`)
      await page.waitForFunction(savedWithCrowd, OFFICE_MEMBERS - OFFICE_CROWD, { timeout: 120_000, polling: 200 })
      const reloads: Reload[] = []
      for (let i = 0; i < RELOADS; i++) reloads.push(await reloadOnce(page))
      const traced = await tracedReload(page)
      const median = (read: (reload: Reload) => number) => round(medianOf(reloads.map(read)))
      return [
        { name: `office painted from the device copy after reload (first frame with rooms and faces, after navigation), median of ${RELOADS}`, value: median((r) => r.paintMs), unit: 'ms' },
        { name: '… fastest of those reloads', value: round(Math.min(...reloads.map((r) => r.paintMs))), unit: 'ms' },
        { name: '… main bundle received (after navigation)', value: median((r) => r.mainScriptMs), unit: 'ms' },
        { name: '… core worker created (after navigation)', value: median((r) => r.workerCreatedMs), unit: 'ms' },
        { name: '… longest main-thread task after the first face until live (the switch to the live view among them)', value: median((r) => r.longestUntilLiveMs), unit: 'ms' },
        { name: `traced reload: painted at (tracing slows it)`, value: round(traced.paintMs), unit: 'ms' },
        ...traced.kinds.map(({ kind, ms }) => ({ name: `… main-thread CPU before it: ${kind}`, value: round(ms), unit: 'ms' })),
        { name: '… main thread running no task before it (waiting on network, other threads or the CPU)', value: round(traced.idleMs), unit: 'ms' },
      ]
    } finally {
      await web.close()
      await browser.close()
      await crowd.close()
      await server.stop()
    }
  } finally {
    removeTempDirs()
  }
}

/** In the page: the crowd is online and the saved view (renderer/office/view-snapshot.ts) has them online too. */
function savedWithCrowd(offline: number): boolean {
  const shown = Number(document.querySelector('.people--dimmed .count')?.textContent ?? NaN)
  const key = Object.keys(localStorage).find((name) => name.startsWith('hallway.officeView:'))
  if (key === undefined || !(shown <= offline)) return false
  const { view } = JSON.parse(localStorage.getItem(key)!) as { view: { members: Record<string, { online: boolean }> } }
  return Object.values(view.members).filter((member) => !member.online).length === shown
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printTable('Office reload paint (issue 12)', await runOfficePaintBench())
}
