// Media benchmark (issue 5): click to first remote audio packet and to first remote video frame
// (median of 20 joins), and the media page's JS heap across those 20 join/leave cycles.
// Real LiveKit SFU in its own namespace, Chromium with fake devices.
//   tsx bench/media/call-bench.ts        prints the figures and the JSON
import { pathToFileURL } from 'node:url'
import type { CDPSession, Page } from 'playwright-core'
import type {} from '../../renderer/media/test-page/main'
import { startSfu } from '../../scripts/livekit/sfu'
import { launchMemberBrowser, openMember } from '../../e2e/media/member-browser'

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
  /**
   * JS heap of the joining page after a forced GC: before the first join, in the first call, after
   * the first leave and after the last. `growth` counts from before the first join (one-time costs
   * included: the reused Room, compiled code); `leakPerCycle` averages the cycles after the first.
   */
  heapBytes: { before: number; during: number; afterFirst: number; after: number; growth: number; leakPerCycle: number }
}

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

async function heapAfterGc(page: Page, cdp: CDPSession): Promise<number> {
  // Twice: LiveKit objects freed by the first pass can release more on the second.
  await page.evaluate(() => (window as unknown as { gc(): void }).gc())
  await page.evaluate(() => (window as unknown as { gc(): void }).gc())
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
  return usage.usedSize
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
  const sfu = await startSfu()
  const publisherBrowser = await launchMemberBrowser()
  const joinerBrowser = await launchMemberBrowser({ extraFlags: ['--js-flags=--expose-gc'] })
  try {
    // Someone already in the room, talking with the camera on, as when you walk into a room.
    const publisher = await openMember(publisherBrowser, sfu, { identity: 'pia' })
    await publisher.waitForFunction(() => window.hallwayMedia.snapshot()?.local.camera === true)
    const joiner = await openMember(joinerBrowser, sfu, { identity: 'jo', camera: false, autojoin: false })
    const cdp = await joiner.context().newCDPSession(joiner)

    const before = await heapAfterGc(joiner, cdp)
    const audio: number[] = []
    const video: number[] = []
    let during = 0
    let afterFirst = 0
    for (let i = 0; i < joins; i++) {
      const times = await joinOnce(joiner)
      audio.push(times.audio)
      video.push(times.video)
      if (i === 0) during = await heapAfterGc(joiner, cdp)
      await leaveOnce(joiner)
      if (i === 0) afterFirst = await heapAfterGc(joiner, cdp)
    }
    const after = await heapAfterGc(joiner, cdp)
    return {
      joins,
      clickToFirstAudioPacketMs: distribution(audio),
      clickToFirstVideoFrameMs: distribution(video),
      heapBytes: { before, during, afterFirst, after, growth: after - before, leakPerCycle: Math.round((after - afterFirst) / Math.max(1, joins - 1)) },
    }
  } finally {
    await Promise.all([publisherBrowser.close(), joinerBrowser.close()])
    await sfu.stop()
  }
}

export function mediaFigures(result: MediaBenchResult): MediaFigure[] {
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 100) / 100
  return [
    { name: `click → first remote audio packet (median of ${result.joins})`, value: result.clickToFirstAudioPacketMs.median, unit: 'ms' },
    { name: 'click → first remote audio packet (p90)', value: result.clickToFirstAudioPacketMs.p90, unit: 'ms' },
    { name: `click → first remote video frame (median of ${result.joins})`, value: result.clickToFirstVideoFrameMs.median, unit: 'ms' },
    { name: 'click → first remote video frame (p90)', value: result.clickToFirstVideoFrameMs.p90, unit: 'ms' },
    { name: 'media page heap before joining (after GC)', value: mb(result.heapBytes.before), unit: 'MB' },
    { name: 'media page heap in a call (after GC)', value: mb(result.heapBytes.during), unit: 'MB' },
    { name: `media page heap after ${result.joins} join/leave cycles (after GC)`, value: mb(result.heapBytes.after), unit: 'MB' },
    { name: 'heap growth over the cycles (from before the first join)', value: mb(result.heapBytes.growth), unit: 'MB' },
    { name: 'heap growth per cycle after the first', value: Math.round(result.heapBytes.leakPerCycle / 1024), unit: 'KB' },
  ]
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runMediaBench()
  for (const figure of mediaFigures(result)) console.log(`${figure.name.padEnd(62)} ${String(figure.value).padStart(8)} ${figure.unit}`)
  console.log(JSON.stringify(result, null, 2))
}
