// What the browser's other threads do between the office's first face (the main thread's frame) and its
// presentation (first contentful paint) on a reload: a trace with the compositor, raster and display
// categories, each thread's self time by event name in that window, and the raster tasks' count and length;
// then the face's frame alone (office-first-frame.ts): its commit, the activation that waited for its tiles, the
// raster and decode tasks between. With several web roots they take turns (each first every other round) and
// each gets its medians: an A/B of what the first frame costs to raster.
// Not part of `npm run bench`: node --import tsx bench/office-paint-raster.ts [reloads] [web root…, default out/web]
import { loadavg } from 'node:os'
import { firstFrameOf, type FirstFrame } from './office-first-frame'
import { openWatcher, park, reloadOnce, unpark } from './office-paint'
import { startPaintRig } from './office-paint-rig'
import type { TraceEvent } from './office-paint-trace'
import type { Page } from 'playwright-core'

// The image decode tasks cc schedules ahead of raster are traced under devtools.timeline's disabled-by-default half.
const CATEGORIES = ['toplevel', 'loading', 'blink.user_timing', 'cc', 'disabled-by-default-cc.debug', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'gpu', 'viz']

interface RasterEvent extends TraceEvent {
  args?: TraceEvent['args'] & { name?: string }
}

async function traceReload(page: Page): Promise<{ events: RasterEvent[]; paintMs: number; presentedMs: number }> {
  const cdp = await page.context().newCDPSession(page)
  const events: RasterEvent[] = []
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as RasterEvent[])))
  const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()))
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' })
  const reload = await reloadOnce(page)
  await cdp.send('Tracing.end')
  await complete
  await cdp.detach()
  return { events, paintMs: reload.paintMs, presentedMs: reload.firstContentfulPaintMs }
}

/** Each thread's self wall time by event name inside [from, to] (µs), nested events counted once under the innermost. */
function selfTimes(events: readonly RasterEvent[], from: number, to: number): Map<string, Map<string, number>> {
  const names = new Map<string, string>()
  for (const event of events) if (event.ph === 'M' && (event.name === 'thread_name' || event.name === 'process_name')) names.set(event.name === 'thread_name' ? `${event.pid}:${event.tid}` : `${event.pid}`, event.args?.name ?? '?')
  const byThread = new Map<string, RasterEvent[]>()
  for (const event of events) {
    if (event.ph !== 'X' || event.dur === undefined || event.ts + event.dur <= from || event.ts >= to) continue
    const key = `${event.pid}:${event.tid}`
    byThread.set(key, [...(byThread.get(key) ?? []), event])
  }
  const result = new Map<string, Map<string, number>>()
  for (const [key, list] of byThread) {
    const thread = `${names.get(key.split(':')[0]!) ?? '?'} / ${names.get(key) ?? key}`
    const self = result.get(thread) ?? new Map<string, number>()
    const spans = list.map((e) => ({ name: e.name, from: Math.max(e.ts, from), to: Math.min(e.ts + e.dur!, to) })).sort((a, b) => a.from - b.from || b.to - a.to)
    const stack: { name: string; from: number; to: number; children: number }[] = []
    const close = (span: (typeof stack)[number]) => {
      self.set(span.name, (self.get(span.name) ?? 0) + Math.max(0, span.to - span.from - span.children))
      const parent = stack.at(-1)
      if (parent) parent.children += span.to - span.from
    }
    for (const span of spans) {
      while (stack.length > 0 && stack.at(-1)!.to <= span.from) close(stack.pop()!)
      stack.push({ ...span, children: 0 })
    }
    while (stack.length > 0) close(stack.pop()!)
    result.set(thread, self)
  }
  return result
}

const reloads = Number(process.argv[2] ?? 3)
const roots = process.argv.length > 3 ? process.argv.slice(3) : [undefined]
const { browser, webs, query, close } = await startPaintRig('raster', roots)
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN
const frameLine = (f: FirstFrame) =>
  `commit ${f.commitMs.toFixed(0)}, activated +${(f.activatedMs - f.commitMs).toFixed(1)}, presented +${(f.presentedMs - f.activatedMs).toFixed(1)} ms; ` +
  `between commit and activation: ${f.raster.count} raster tasks ${f.raster.wallMs.toFixed(1)} ms (CPU ${f.raster.cpuMs.toFixed(1)}), ${f.decodes.count} image decode tasks ${f.decodes.wallMs.toFixed(1)} ms (CPU ${f.decodes.cpuMs.toFixed(1)})`
try {
  const variants = []
  for (const [i, root] of roots.entries()) variants.push(await openWatcher(browser, root ?? 'out/web', webs[i]!, query))
  const frames = new Map<string, FirstFrame[]>()
  const loadAtStart = loadavg()[0]!
  for (let i = 0; i < reloads; i++) {
    for (const variant of i % 2 === 0 ? variants : [...variants].reverse()) {
      await unpark(variant)
      const load = loadavg()[0]!.toFixed(2)
      const { events, paintMs, presentedMs } = await traceReload(variant.page)
      await park(variant)
      const frame = firstFrameOf(events, presentedMs)
      if (frame) frames.set(variant.name, [...(frames.get(variant.name) ?? []), frame])
      console.log(`\n${variant.name}, reload ${i + 1} (load ${load}): first face ${paintMs.toFixed(0)} ms, presented ${presentedMs.toFixed(0)} ms; its frame: ${frame ? frameLine(frame) : 'not found in the trace'}`)
      if (roots.length === 1) printWindow(events, paintMs, presentedMs)
    }
  }
  console.log(`\nthe first face's frame, medians (load average ${loadAtStart.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}):`)
  for (const [name, list] of frames) {
    const m = (read: (f: FirstFrame) => number) => median(list.map(read)).toFixed(1)
    console.log(`${name} (${list.length} reloads): commit → activation ${m((f) => f.activatedMs - f.commitMs)} ms, activation → presented ${m((f) => f.presentedMs - f.activatedMs)}, raster CPU ${m((f) => f.raster.cpuMs)} (${m((f) => f.raster.count)} tasks), image decode CPU ${m((f) => f.decodes.cpuMs)} (${m((f) => f.decodes.count)} tasks), presented ${m((f) => f.presentedMs)}`)
  }
} finally {
  await close()
}

/** Each renderer and GPU thread's self time from the first face to its presentation, and the raster tasks' totals there. */
function printWindow(events: RasterEvent[], paintMs: number, presentedMs: number): void {
  const navigation = events.filter((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame && e.args.data.documentLoaderURL).at(-1)
  if (!navigation) return console.log('  the trace lost its navigationStart (buffer full?)')
  const from = navigation.ts + paintMs * 1000
  const to = navigation.ts + presentedMs * 1000
  console.log('  self time from the first face to its presentation, ms by thread and event (≥ 0.5 ms):')
  for (const [thread, self] of selfTimes(events, from, to)) {
    // The browser process's own compositor draws its window, not the page.
    if (thread.startsWith('Browser')) continue
    const top = [...self].filter(([, us]) => us >= 500).sort((a, b) => b[1] - a[1])
    if (top.length > 0) console.log(`  ${thread}: ${top.map(([name, us]) => `${name} ${(us / 1000).toFixed(1)}`).join(', ')}`)
  }
  const inWindow = (e: RasterEvent) => e.ph === 'X' && e.ts >= from && e.ts < to
  const raster = events.filter((e) => inWindow(e) && e.name === 'RasterTask')
  const decode = events.filter((e) => inWindow(e) && e.name === 'ImageDecodeTask')
  const draws = events.filter((e) => inWindow(e) && e.name === 'DirectRenderer::DrawFrame')
  const imageDecodes = events.filter((e) => inWindow(e) && e.name === 'SoftwareImageDecodeCache::DecodeImageIfNecessary')
  const tileDraws = events.filter((e) => inWindow(e) && e.name === 'DisplayItemList::Raster' && `${e.pid}` === `${raster[0]?.pid}`)
  // Wall time, then thread (CPU) time: where wall runs well past CPU, the thread waited for a core.
  const sum = (list: RasterEvent[]) => `${(list.reduce((s, e) => s + (e.dur ?? 0), 0) / 1000).toFixed(1)} ms (CPU ${(list.reduce((s, e) => s + (e.tdur ?? e.dur ?? 0), 0) / 1000).toFixed(1)})`
  console.log(`  RasterTask: ${raster.length} tasks, ${sum(raster)}; of them drawing the display list ${sum(tileDraws)}, decoding images (${imageDecodes.length} decodes) ${sum(imageDecodes)}; ImageDecodeTask: ${decode.length}, ${sum(decode)}; display frames drawn: ${draws.length}, ${sum(draws)}`)
}
