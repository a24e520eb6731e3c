// Which JavaScript runs before the office's first face on a reload, by source module and function:
// the main thread's V8 samples (a trace with disabled-by-default-v8.cpu_profiler) from navigation to
// the first face, mapped through the bundle's source maps, over several reloads. The web client is
// built unminified with source maps into a temp dir for this (minifying changes names, not the work).
// Not part of `npm run bench`: node --import tsx bench/office-paint-profile.ts [reloads]
import { readFileSync } from 'node:fs'
import { SourceMap } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import { startWebServer } from '../scripts/serve-web'
import { loadOrCreateSecret } from '../server/auth/secret'
import { startCrowd } from '../server/cli/crowd'
import { silentLogger } from '../server/observe/log'
import { removeTempDirs, tempDir, tokenFor } from '../server/testing/harness'
import { startServerProcess } from './fanout/server-process'
import { openWatcher, park, reloadOnce, unpark } from './office-paint'
import { OFFICE_CROWD, seedOfficeTeam } from './seeded-office'

interface CallFrame {
  functionName: string
  url: string
  /** Absent for a script's top-level function. */
  lineNumber?: number
  columnNumber?: number
}
interface ProfileNode {
  id: number
  callFrame: CallFrame
  parent?: number
}
interface ProfileEvent {
  name: string
  ph: string
  ts: number
  pid: number
  tid: number
  id?: string
  args?: {
    data?: {
      startTime?: number
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }
      timeDeltas?: number[]
      lines?: number[]
      columns?: number[]
      isLoadingMainFrame?: boolean
      documentLoaderURL?: string
    }
  }
}

/** A sample's stack, leaf first, as original source positions. */
interface Frame {
  source: string
  name: string
  line: number
}

const TOP_LEVEL = '(a module evaluating)'
const MODULE_EVALUATION = '(module evaluation)'
const ROOT = tempDir('hallway-paint-profile-')

async function buildProfiledWeb(): Promise<string> {
  const { build } = await import('vite')
  const repo = join(import.meta.dirname, '..')
  const outDir = join(ROOT, 'web')
  await build({ configFile: join(repo, 'vite.web.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true, sourcemap: true, minify: false } })
  return outDir
}

/** Maps bundle positions to original sources, one source map per served script. */
function sourceMapper(webRoot: string) {
  const maps = new Map<string, SourceMap | null>()
  const mapOf = (url: string): SourceMap | null => {
    if (!maps.has(url)) {
      let map: SourceMap | null = null
      try {
        const path = join(webRoot, new URL(url).pathname)
        map = new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8')))
      } catch {
        map = null
      }
      maps.set(url, map)
    }
    return maps.get(url)!
  }
  /** `at`: where in the function the sample was (0-based line and column), known for a leaf only. */
  return (frame: CallFrame, at?: { line: number; column: number }): Frame => {
    // The bundle's one top-level function runs every module's top-level code: which module only a leaf's position says.
    const topLevel = frame.url !== '' && frame.functionName === '' && !frame.lineNumber && !frame.columnNumber
    if (topLevel && !at) return { source: TOP_LEVEL, name: '', line: 0 }
    const map = frame.url ? mapOf(frame.url) : null
    const entry = map?.findEntry(at?.line ?? frame.lineNumber ?? 0, at?.column ?? frame.columnNumber ?? 0) as { originalSource?: string; originalLine?: number } | undefined
    const name = topLevel ? MODULE_EVALUATION : frame.functionName || '(anonymous)'
    if (!entry?.originalSource) return { source: frame.url ? `${frame.url.split('/').pop()}` : `(${frame.functionName || 'native'})`, name, line: 0 }
    const source = entry.originalSource.replace(/^.*?\/(node_modules|renderer|shared)\//, '$1/')
    return { source, name, line: (entry.originalLine ?? 0) + 1 }
  }
}

/** The main thread's samples between navigation and `paintMs` after it: each a stack, leaf first, and its weight in ms. */
function samplesBeforePaint(events: ProfileEvent[], paintMs: number, map: ReturnType<typeof sourceMapper>): { stack: Frame[]; ms: number }[] {
  const navigation = events.filter((event) => event.name === 'navigationStart' && event.args?.data?.isLoadingMainFrame && event.args.data.documentLoaderURL).at(-1)
  if (!navigation) throw new Error('no main-frame navigationStart in the trace')
  const end = navigation.ts + paintMs * 1000
  const profile = events.find((event) => event.name === 'Profile' && event.pid === navigation.pid && event.tid === navigation.tid)
  if (!profile) throw new Error('no CPU profile of the main thread in the trace')
  const nodes = new Map<number, ProfileNode>()
  const out: { stack: Frame[]; ms: number }[] = []
  let time = profile.args!.data!.startTime!
  let previous: { node: number; line: number; column: number; at: number } | null = null
  for (const chunk of events.filter((event) => event.name === 'ProfileChunk' && event.pid === profile.pid && event.id === profile.id)) {
    const data = chunk.args!.data!
    for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node)
    const samples = data.cpuProfile?.samples ?? []
    samples.forEach((sample, i) => {
      time += data.timeDeltas![i]!
      // A sample stands for the time until the next one.
      if (previous && previous.at >= navigation.ts && previous.at < end) out.push({ stack: stackOf(previous.node, previous.line, previous.column), ms: (Math.min(time, end) - previous.at) / 1000 })
      previous = { node: sample, line: data.lines?.[i] ?? 0, column: data.columns?.[i] ?? 0, at: time }
    })
  }
  return out

  /** `line`, `column`: the sample's position in its leaf function, 1-based (0: none). */
  function stackOf(id: number, line: number, column: number): Frame[] {
    const stack: Frame[] = []
    for (let node = nodes.get(id), leaf = true; node; node = node.parent === undefined ? undefined : nodes.get(node.parent), leaf = false) {
      stack.push(map(node.callFrame, leaf && line > 0 ? { line: line - 1, column: Math.max(0, column - 1) } : undefined))
    }
    return stack
  }
}

/** What a sample was part of: the modules' evaluation, reading the saved view, Solid's render, or else. */
function phaseOf(stack: Frame[]): string {
  const leaf = stack[0]!
  if (leaf.source.startsWith('(') && stack.length === 1) return `not JavaScript: ${leaf.source}`
  if (stack.some((frame) => /view-snapshot|office-view-check/.test(frame.source))) return 'reading and checking the saved view'
  if (stack.some((frame) => frame.name === 'startOffice')) return "Solid's render of the office (startOffice)"
  if (leaf.name === MODULE_EVALUATION || stack.some((frame) => frame.source === TOP_LEVEL)) return 'module evaluation'
  const outer = stack.findLast((frame) => !frame.source.startsWith('(')) ?? leaf
  return `other: ${outer.source} ${outer.name}`
}

function table(title: string, totals: Map<string, number>, reloads: number, limit = 25): void {
  console.log(`\n${title} (ms per reload)`)
  const rows = [...totals].sort((a, b) => b[1] - a[1]).slice(0, limit)
  for (const [key, ms] of rows) console.log(`${(ms / reloads).toFixed(1).padStart(7)}  ${key}`)
}

async function main(reloads: number): Promise<void> {
  try {
    const dataDir = join(ROOT, 'data')
    const teamId = await seedOfficeTeam(dataDir, 'Office paint profile', { statuses: true })
    const webRoot = await buildProfiledWeb()
    const map = sourceMapper(webRoot)
    const server = await startServerProcess('ours', { dataDir })
    const serverUrl = `http://${new URL(server.syncUrl).host}`
    const crowd = await startCrowd({ serverUrl, secret: loadOrCreateSecret(dataDir), teamId, count: OFFICE_CROWD, movesPerSecond: 0, log: silentLogger, onlineTimeoutMs: 300_000 })
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' })
    const web = await startWebServer({ serverUrl, port: 0, root: webRoot })
    try {
      const query = new URLSearchParams({ server: serverUrl, team: teamId, token: await tokenFor(dataDir, teamId, 'bench-watcher') })
      const watcher = await openWatcher(browser, 'profiled', web, query)
      const bySource = new Map<string, number>()
      const byFunction = new Map<string, number>()
      const byArea = new Map<string, number>()
      const byPhase = new Map<string, number>()
      const byModule = new Map<string, number>()
      const add = (totals: Map<string, number>, key: string, ms: number) => totals.set(key, (totals.get(key) ?? 0) + ms)
      const paints: number[] = []
      for (let i = 0; i < reloads; i++) {
        await unpark(watcher)
        const cdp = await watcher.page.context().newCDPSession(watcher.page)
        const events: ProfileEvent[] = []
        cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as ProfileEvent[])))
        const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()))
        await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['loading', 'blink.user_timing', 'disabled-by-default-v8.cpu_profiler'] }, transferMode: 'ReportEvents' })
        const reload = await reloadOnce(watcher.page)
        await cdp.send('Tracing.end')
        await complete
        await cdp.detach()
        await park(watcher)
        paints.push(reload.paintMs)
        for (const { stack, ms } of samplesBeforePaint(events, reload.paintMs, map)) {
          const leaf = stack[0]!
          add(bySource, leaf.source, ms)
          add(byFunction, `${leaf.source}:${leaf.line} ${leaf.name}`, ms)
          // The outermost frame of our own code on the stack (not a library's): who asked for the time.
          const ours = stack.find((frame) => /^(renderer|shared)\//.test(frame.source) || frame.source === TOP_LEVEL) ?? leaf
          add(byArea, `${ours.source} ${ours.name}`, ms)
          const phase = phaseOf(stack)
          add(byPhase, phase, ms)
          if (phase === 'module evaluation') add(byModule, leaf.name === MODULE_EVALUATION ? leaf.source : `${leaf.source.replace(/^node_modules\/([^/]+)\/.*/, '$1')} (called by a module's top level)`, ms)
        }
      }
      console.log(`first face after navigation, ms (traced): ${paints.map((ms) => ms.toFixed(0)).join(', ')}`)
      table('By phase', byPhase, reloads)
      table('Module evaluation by module (a library: time in its functions)', byModule, reloads)
      table('Self time by source file', bySource, reloads)
      table('Self time by function', byFunction, reloads, 40)
      table('Time by the innermost frame of our own code on the stack', byArea, reloads, 40)
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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(Number(process.argv[2] ?? 5))
}
