// Media benchmark (issue 5): click to first remote audio packet and to first remote video frame
// (median of 20 joins, on the media test page), and the office page's JS heap across 20 join/leave
// cycles (office-heap.ts). Real LiveKit SFU in its own namespace, Chromium with fake devices.
//   tsx bench/media/call-bench.ts        prints the figures and the JSON
import { pathToFileURL } from 'node:url'
import type { Page } from 'playwright-core'
import type {} from '../../e2e/media/test-page/main'
import { startSfu } from '../../scripts/livekit/sfu'
import { launchMemberBrowser, openMember } from '../../e2e/media/member-browser'
import { runOfficeHeapBench, type OfficeHeapResult } from './office-heap'

export interface Distribution {
  median: number
  p90: number
  min: number
  max: number
}

export interface MediaBenchResult {
  joins: number
  clickToFirstAudioPacketMs: Distribution
  clickToFirstVideoFrameMs: Distribution
  officeHeap: OfficeHeapResult
}

/** Issue 5: the office page's heap may grow by this much over 20 join/leave cycles. */
export const HEAP_GROWTH_TARGET_BYTES = 2 * 1024 * 1024

/** Shaped like bench/presence.ts figures, for bench/report.ts printTable. */
export interface MediaFigure {
  name: string
  value: number
  unit: string
}

function distribution(values: number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  const round = (n: number) => Math.round(n * 10) / 10
  const middle = sorted.length / 2
  const median = sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2
  return { median: round(median), p90: round(at(0.9)), min: round(sorted[0]!), max: round(sorted.at(-1)!) }
}

async function joinOnce(page: Page): Promise<{ audio: number; video: number }> {
  await page.click('#join')
  await page.waitForFunction(
    () => {
      const t = window.hallwayMedia.timings
      return t.clickAt !== null && t.firstAudioPacketAt !== null && t.firstVideoFrameAt !== null
    },
    undefined,
    { timeout: 20_000, polling: 20 },
  )
  const t = await page.evaluate(() => window.hallwayMedia.timings)
  return { audio: t.firstAudioPacketAt! - t.clickAt!, video: t.firstVideoFrameAt! - t.clickAt! }
}

async function leaveOnce(page: Page): Promise<void> {
  await page.click('#leave')
  await page.waitForFunction(() => window.hallwayMedia.call() === null && document.querySelectorAll('audio, video').length === 0)
}

export async function runMediaBench(joins = 20): Promise<MediaBenchResult> {
  const timings = await measureJoinTimings(joins)
  return { joins, ...timings, officeHeap: await runOfficeHeapBench(joins) }
}

async function measureJoinTimings(joins: number): Promise<Pick<MediaBenchResult, 'clickToFirstAudioPacketMs' | 'clickToFirstVideoFrameMs'>> {
  const sfu = await startSfu()
  const publisherBrowser = await launchMemberBrowser()
  const joinerBrowser = await launchMemberBrowser()
  try {
    // Someone already in the room, talking with the camera on, as when you walk into a room.
    const publisher = await openMember(publisherBrowser, sfu, { identity: 'pia' })
    await publisher.waitForFunction(() => window.hallwayMedia.snapshot()?.local.camera === true)
    const joiner = await openMember(joinerBrowser, sfu, { identity: 'jo', camera: false, autojoin: false })
    const audio: number[] = []
    const video: number[] = []
    for (let i = 0; i < joins; i++) {
      const times = await joinOnce(joiner)
      audio.push(times.audio)
      video.push(times.video)
      await leaveOnce(joiner)
    }
    return { clickToFirstAudioPacketMs: distribution(audio), clickToFirstVideoFrameMs: distribution(video) }
  } finally {
    await Promise.all([publisherBrowser.close(), joinerBrowser.close()])
    await sfu.stop()
  }
}

export function mediaFigures(result: MediaBenchResult): MediaFigure[] {
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 100) / 100
  const heap = result.officeHeap
  const cycles = heap.cycles
  return [
    { name: `click → first remote audio packet (median of ${result.joins})`, value: result.clickToFirstAudioPacketMs.median, unit: 'ms' },
    { name: 'click → first remote audio packet (p90)', value: result.clickToFirstAudioPacketMs.p90, unit: 'ms' },
    { name: `click → first remote video frame (median of ${result.joins})`, value: result.clickToFirstVideoFrameMs.median, unit: 'ms' },
    { name: 'click → first remote video frame (p90)', value: result.clickToFirstVideoFrameMs.p90, unit: 'ms' },
    { name: 'office page V8 heap, office open (after GC)', value: mb(heap.before.usedBytes), unit: 'MB' },
    { name: 'office page V8 heap in the first call (after GC)', value: mb(heap.during.usedBytes), unit: 'MB' },
    { name: `office page V8 heap after ${cycles} join/leave cycles (after GC)`, value: mb(heap.after.usedBytes), unit: 'MB' },
    { name: `V8 heap growth over ${cycles} cycles, all of it`, value: mb(heap.after.usedBytes - heap.before.usedBytes), unit: 'MB' },
    { name: '  of it compiled code (JIT warm-up)', value: mb(heap.after.codeBytes - heap.before.codeBytes), unit: 'MB' },
    { name: '  of it objects and strings (what a leak holds)', value: mb(heap.after.dataBytes - heap.before.dataBytes), unit: 'MB' },
    { name: 'objects and strings growth per cycle after the first', value: Math.round((heap.after.dataBytes - heap.afterFirst.dataBytes) / Math.max(1, cycles - 1) / 102.4) / 10, unit: 'KB' },
  ]
}

/** The heap target, judged on what a leak holds: objects and strings, not compiled code. */
export function heapVerdict(result: MediaBenchResult): string {
  const heap = result.officeHeap
  const data = heap.after.dataBytes - heap.before.dataBytes
  const all = heap.after.usedBytes - heap.before.usedBytes
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2)
  const met = data <= HEAP_GROWTH_TARGET_BYTES
  return `  ${met ? 'met    ' : 'NOT met'}  office page heap growth over ${heap.cycles} cycles ≤ 2 MB excluding compiled code: ${mb(data)} MB (with compiled code: ${mb(all)} MB)`
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runMediaBench()
  for (const figure of mediaFigures(result)) console.log(`${figure.name.padEnd(62)} ${String(figure.value).padStart(8)} ${figure.unit}`)
  console.log(heapVerdict(result))
  console.log(JSON.stringify(result, null, 2))
}
