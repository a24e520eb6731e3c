// The office page at company scale (issue 12): a real Chromium on the web client, watching the
// seeded 1,000-member 50-room team with 300 crowd members online, once with the shipped faces
// (one <img> each) and once with the inline-SVG baseline, in the same run. Part of `npm run bench`;
// alone: node --import tsx bench/office.ts
//
// The load minutes (bench/office-load.ts) name what made their longest task long: each is traced, and
// the longest main-thread task's wall time comes with its CPU time, the collector's pauses in it and
// the CPU every browser thread ran meanwhile; the kernel's figures say how long the page's main thread
// waited for a core over the minute. A task whose CPU is under 50 ms is the machine, not the page.
// What was found (s14: every task over 50 ms was the page off a core) is in bench/office.md.
// OFFICE_BENCH_PINNED=1 runs the rig on one core and Chromium on the other (bench/office-cores.ts).
import { pathToFileURL } from 'node:url'
import { writeFile } from 'node:fs/promises'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { ensureWebBuild, startWebServer, WEB_ROOT } from '../scripts/serve-web'
import { loadOrCreateSecret } from '../server/auth/secret'
import { startCrowd } from '../server/cli/crowd'
import { silentLogger } from '../server/observe/log'
import { removeTempDirs, tempDir, tokenFor } from '../server/testing/harness'
import { startServerProcess } from './fanout/server-process'
import { buildSvgWeb } from './office-svg/build'
import { officeCores, type OfficeCores } from './office-cores'
import { attachHeapProbe, type HeapSample } from './office-heap-probe'
import { TIMED_GAP_MS, timeChanges, waitForWriterFaces, type ChangeToDom } from './office-change-probe'
import { LONG_TASK_PROBE } from './office-long-tasks'
import { loadFigures, printLongestTasks, runLoadMinutes, type LoadMinute } from './office-load'
import { PAGE_PROBES, WORKER_FRAME_RECORDER, type PageProbes } from './office-probes'
import { openWriters, type Writers } from './office-writers-process'
import type { Figure } from './presence'
import { printTable } from './report'
import { OFFICE_CROWD, OFFICE_MEMBERS, seedOfficeTeam } from './seeded-office'

/** Of the crowd, raw-protocol members in the default floor's open rooms that make every mic change; the rest are cores. */
const WRITERS = 100
const WRITER_ROOMS = ['lobby', 'kitchen']
/** Another build of the web client (e.g. a copy of main's out/web) measured in place of the inline-SVG baseline. */
const COMPARED_ROOT = process.env.OFFICE_BENCH_COMPARED_ROOT
const TIMED_CHANGES = 250
/** A file path: the bench writes there a Chromium trace (page and core worker) of the timed changes with the shipped faces. */
const TRACE_PATH = process.env.OFFICE_BENCH_TRACE
/** A file path: the bench writes there the Chromium trace of the first load minute with the shipped faces (every minute is traced). */
const LOAD_TRACE_PATH = process.env.OFFICE_BENCH_LOAD_TRACE
/** A file path: the bench writes there a CPU profile (.cpuprofile) of the page's main thread over that minute. */
const LOAD_PROFILE_PATH = process.env.OFFICE_BENCH_LOAD_PROFILE
/** The hops of a change from the core's receipt to the face's DOM rewrite (see Hops in office-pairing.ts). */
const HOPS = { core: 'core receipt → view patch posted (worker)', transfer: 'patch posted → read by the page', page: 'read by the page → face DOM' } as const

interface OfficeRun {
  browser: Browser
  writers: Writers
  serverUrl: string
  dataDir: string
  teamId: string
}

interface OfficeMeasures {
  paintMs: number
  /** After navigation, on reload: the stages before the first face. */
  stages: { workerCreated: number; booted: number; firstView: number; firstSocketFrame: number }
  nodesPerFace: number
  changeToDom: ChangeToDom
  /** Each load minute (see office-load.ts). */
  loads: LoadMinute[]
  heapBefore: HeapSample
  heapAfter: HeapSample
}

const probes = (page: Page) => page.evaluate(() => (window as unknown as { __bench: PageProbes }).__bench)

async function measureOffice(run: OfficeRun, root: string, traces: { changes?: string; load?: string; profile?: string } = {}): Promise<OfficeMeasures> {
  const web = await startWebServer({ serverUrl: run.serverUrl, port: 0, root })
  const context = await run.browser.newContext({ viewport: { width: 1440, height: 900 } })
  try {
    const page = await context.newPage()
    await page.addInitScript(PAGE_PROBES)
    await page.addInitScript(LONG_TASK_PROBE)
    const token = await tokenFor(run.dataDir, run.teamId, 'bench-watcher')
    await page.goto(`${web.url}?${new URLSearchParams({ server: run.serverUrl, team: run.teamId, token })}`)
    await page.waitForFunction(everyoneOnline, OFFICE_MEMBERS - OFFICE_CROWD, { timeout: 120_000, polling: 200 })
    // The page saves its view once it settles: reload only after it has saved this full office.
    await page.waitForFunction(savedAsShown, undefined, { timeout: 30_000, polling: 200 })

    // Painted from this device's own copy: reload, and time each stage up to the first face.
    let firstSocketFrame = NaN
    page.on('websocket', (socket) => socket.once('framereceived', () => (firstSocketFrame = Number.isNaN(firstSocketFrame) ? Date.now() : firstSocketFrame)))
    await page.reload()
    await page.waitForFunction(() => (window as unknown as { __bench: PageProbes }).__bench.firstFace !== null, undefined, { timeout: 60_000 })
    await page.waitForFunction(() => (window as unknown as { __bench: PageProbes }).__bench.booted !== null, undefined, { timeout: 60_000 })
    const origin = await page.evaluate(() => performance.timeOrigin)
    const reloaded = await probes(page)
    const since = (at: number | null) => (at === null ? NaN : at - origin)
    await page.waitForFunction(everyoneOnline, OFFICE_MEMBERS - OFFICE_CROWD, { timeout: 120_000, polling: 200 })

    const nodesPerFace = await page.evaluate(() => {
      const faces = [...document.querySelectorAll('.face')]
      return faces.reduce((sum, face) => sum + 1 + face.querySelectorAll('*').length, 0) / faces.length
    })

    // A remote mic change, from the core's socket handing it over (in the worker) to the face's DOM (in the page).
    await waitForWriterFaces(page, run.writers)
    const worker = await waitForCoreWorker(page)
    await worker.evaluate(WORKER_FRAME_RECORDER)
    if (traces.changes) await run.browser.startTracing(page, { path: traces.changes, categories: TRACE_CATEGORIES })
    const changeToDom = await timeChanges(page, worker, run.writers, TIMED_CHANGES)
    if (traces.changes) await run.browser.stopTracing()

    // 100 remote mic changes a second for a minute; the heaps after a forced GC before and after, in the page and the core's worker.
    const heapProbe = await attachHeapProbe(context, page, 'hallway-core')
    const heapBefore = await heapProbe.sample()
    let heapAfter = heapBefore
    const loads = await runLoadMinutes(context, page, run.writers, {
      tracePath: traces.load,
      profile: async (minute) => (minute === 0 && traces.profile ? profilePage(context, page, traces.profile) : null),
      // The heap budget is for one minute of load; the later minutes are for the longest task.
      after: async (minute) => {
        if (minute === 0) heapAfter = await heapProbe.sample()
      },
    })
    await heapProbe.close()
    return {
      paintMs: since(reloaded.firstFace),
      stages: { workerCreated: since(reloaded.workerCreated), booted: since(reloaded.booted), firstView: since(reloaded.firstView), firstSocketFrame: since(firstSocketFrame) },
      nodesPerFace,
      changeToDom,
      loads,
      heapBefore,
      heapAfter,
    }
  } finally {
    await context.close()
    await web.close()
  }
}

/** Starts sampling the page's main thread; stop() writes the profile to `path`. */
async function profilePage(context: BrowserContext, page: Page, path: string): Promise<{ stop(): Promise<void> }> {
  const cdp = await context.newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 })
  await cdp.send('Profiler.start')
  return {
    async stop() {
      const { profile } = await cdp.send('Profiler.stop')
      await writeFile(path, JSON.stringify(profile))
      await cdp.detach()
    },
  }
}

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink.user_timing']

async function waitForCoreWorker(page: Page) {
  for (;;) {
    for (const worker of page.workers()) if ((await worker.evaluate(() => self.name)) === 'hallway-core') return worker
    await page.waitForTimeout(100)
  }
}

/** Each figure for the shipped faces, with the inline-SVG baseline beside it (the table prints svg ÷ img). */
function figuresOf(img: OfficeMeasures, svg: OfficeMeasures): Figure[] {
  const figure = (name: string, unit: string, read: (measured: OfficeMeasures) => number): Figure => ({
    name,
    value: round(read(img)),
    unit,
    baseline: { name: COMPARED_ROOT ?? 'inline SVG', value: round(read(svg)) },
  })
  return [
    figure('office painted from the device copy after one reload (first frame with rooms and faces, after navigation; officePaint takes the median of 7)', 'ms', (m) => m.paintMs),
    figure('… reload: core worker created (after navigation)', 'ms', (m) => m.stages.workerCreated),
    figure('… reload: core booted (IndexedDB read, replica open)', 'ms', (m) => m.stages.booted),
    figure('… reload: first view message on the page', 'ms', (m) => m.stages.firstView),
    figure('… reload: first sync-socket frame received', 'ms', (m) => m.stages.firstSocketFrame),
    figure(`DOM nodes per avatar (${OFFICE_CROWD} online)`, 'nodes', (m) => m.nodesPerFace),
    // With nothing paired a percentile would print 0 ms, which reads as a result: say it was not measured instead.
    ...(img.changeToDom.paired > 0 && svg.changeToDom.paired > 0
      ? [
          figure('remote mic change, core receipt → face DOM, p50', 'ms', (m) => m.changeToDom.p50),
          figure('remote mic change, core receipt → face DOM, p99', 'ms', (m) => m.changeToDom.p99),
          figure('remote mic change, core receipt → face DOM, max', 'ms', (m) => m.changeToDom.max),
          // Where the time goes, over the changes whose patch was seen posted by the core and read by the page.
          ...(Object.keys(HOPS) as (keyof typeof HOPS)[]).flatMap((hop) => [
            figure(`… ${HOPS[hop]}, p50`, 'ms', (m) => m.changeToDom.hops[hop].p50),
            figure(`… ${HOPS[hop]}, p99`, 'ms', (m) => m.changeToDom.hops[hop].p99),
          ]),
          figure('… changes seen at every hop', 'changes', (m) => m.changeToDom.hops.seen),
        ]
      : [{ name: 'remote mic change, core receipt → face DOM: NOT MEASURED (no receipt paired with a DOM change)', value: 0, unit: '' }]),
    figure(`… changes sent one at a time, ${TIMED_GAP_MS} ms apart`, 'changes', (m) => m.changeToDom.sent),
    figure('… of those, received by the core (decoded from its socket)', 'changes', (m) => m.changeToDom.received),
    figure('… of those, paired with their face rewrite', 'changes', (m) => m.changeToDom.paired),
    figure('… DOM mutation records in the renders that rewrote a mic', 'mutations', (m) => m.changeToDom.touches),
    figure(`… of those, outside the changed member's face${kindsOf(img, svg)}`, 'mutations', (m) => m.changeToDom.foreign),
    ...loadFigures((name, unit, read) => figure(name, unit, (m) => read(m.loads))),
    figure('page heap growth after GC over the first minute (CDP Runtime.getHeapUsage)', 'kB', (m) => kb(m.heapAfter.pageBytes - m.heapBefore.pageBytes)),
    figure('… page heap growth after GC (performance.memory)', 'kB', (m) => kb(m.heapAfter.pageMemoryBytes - m.heapBefore.pageMemoryBytes)),
    figure('… core worker heap growth after GC (CDP, auto-attached)', 'kB', (m) => kb(m.heapAfter.workerBytes - m.heapBefore.workerBytes)),
    figure('… page heap after GC at the end', 'kB', (m) => kb(m.heapAfter.pageBytes)),
    figure('… core worker heap after GC at the end', 'kB', (m) => kb(m.heapAfter.workerBytes)),
  ]
}

export async function runOfficeBench(): Promise<Figure[]> {
  const dataDir = tempDir('hallway-bench-office-')
  let cores: OfficeCores | null = null
  try {
    const teamId = await seedOfficeTeam(dataDir, 'Office bench')
    await ensureWebBuild({ quiet: true })
    const svgRoot = COMPARED_ROOT ?? (await buildSvgWeb())
    // Before the rig starts: its processes inherit this one's core.
    cores = officeCores(dataDir)
    console.log(`office bench: ${cores.layout}`)
    const server = await startServerProcess('ours', { dataDir })
    const serverUrl = `http://${new URL(server.syncUrl).host}`
    const secret = loadOrCreateSecret(dataDir)
    const crowd = await startCrowd({ serverUrl, secret, teamId, count: OFFICE_CROWD - WRITERS, movesPerSecond: 0, log: silentLogger, onlineTimeoutMs: 300_000 })
    const writers = await openWriters({ syncUrl: server.syncUrl, secret, teamId, first: OFFICE_CROWD - WRITERS + 1, count: WRITERS, rooms: WRITER_ROOMS })
    // Precise memory info: performance.memory is otherwise rounded to buckets far coarser than the 1 MB budget.
    const browser = await chromium.launch({ executablePath: cores.chromium, args: ['--enable-precise-memory-info'] })
    try {
      const run = { browser, writers, serverUrl, dataDir, teamId }
      const img = await measureOffice(run, WEB_ROOT, { changes: TRACE_PATH, load: LOAD_TRACE_PATH, profile: LOAD_PROFILE_PATH })
      const svg = await measureOffice(run, svgRoot)
      printLongestTasks({ 'shipped faces': img.loads, [COMPARED_ROOT ?? 'inline SVG']: svg.loads })
      return figuresOf(img, svg)
    } finally {
      await browser.close()
      await writers.close()
      await crowd.close()
      await server.stop()
    }
  } finally {
    cores?.restore()
    removeTempDirs()
  }
}

/** In the page: this device's saved office view (renderer/office/view-snapshot.ts) has as many offline as the page shows. */
function savedAsShown(): boolean {
  const key = Object.keys(localStorage).find((name) => name.startsWith('hallway.officeView:'))
  const shown = document.querySelector('.people--dimmed .count')?.textContent
  if (key === undefined || !shown) return false
  const { view } = JSON.parse(localStorage.getItem(key)!) as { view: { members: Record<string, { online: boolean }> } }
  return Object.values(view.members).filter((member) => !member.online).length === Number(shown)
}

/** In the page: the Offline list is down to everyone but the crowd (and the watcher, who is online). */
function everyoneOnline(offline: number): boolean {
  const count = document.querySelector('.people--dimmed .count')?.textContent
  return count !== undefined && count !== null && Number(count) <= offline
}

function kb(bytes: number): number {
  return bytes / 1e3
}

/** Which kinds of foreign mutation there were (type, attribute, element, class), if any. */
function kindsOf(img: OfficeMeasures, svg: OfficeMeasures): string {
  const kinds = [...new Set([...img.changeToDom.foreignKinds, ...svg.changeToDom.foreignKinds])]
  return kinds.length === 0 ? '' : ` (${kinds.join('; ')})`
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printTable('Office (issue 12)', await runOfficeBench())
}
