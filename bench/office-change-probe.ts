// The office bench's change → DOM probe: remote mic changes sent one at a time, each paired from
// the core's socket handing it over (recorded in its worker) to its face's rewrite (recorded in
// the page), and every DOM mutation of those renders checked to stay within the changed faces.
import type { Page, Worker } from 'playwright-core'
import { foreignTouches, hopsOf, latencySummary, micReceipts, micRenders, micSightingsOf, pairReceipts, type Hops, type RenderBatch } from './office-pairing'
import { takeRecordedFrames, type PageProbes, type RecordedMessage } from './office-probes'
import type { Writers } from './office-writers-process'

/** Far enough apart that a render holds one change. */
export const TIMED_GAP_MS = 50

export interface ChangeToDom {
  p50: number
  p99: number
  max: number
  sent: number
  /** Of those, the changes the core's socket handed over (decoded from the frames it received). */
  received: number
  paired: number
  /** DOM mutation records in the renders that rewrote a face's mic, and of those, the ones outside the changed members' faces. */
  touches: number
  foreign: number
  foreignKinds: string[]
  /** Per hop (see Hops), p50/p99/max over the paired changes whose patch was seen at every hop; `seen` counts those. */
  hops: { [hop in keyof Hops]: { p50: number; p99: number; max: number } } & { seen: number }
}

/**
 * Toggles the writers' mics one at a time while the worker records what its socket hands the core
 * and the page records every DOM mutation; pairs each change the core received with its face's rewrite.
 */
export async function timeChanges(page: Page, worker: Worker, writers: Writers, count: number): Promise<ChangeToDom> {
  await page.evaluate(() => (window as unknown as { __benchRecord(on: boolean): void }).__benchRecord(true))
  await worker.evaluate(() => ((self as unknown as { __frames: { on: boolean } }).__frames.on = true))
  const sent = await writers.oneAtATime(count, TIMED_GAP_MS)
  // Until every change has reached a face, or long enough that the missing ones will not.
  await page
    .waitForFunction(
      (count) => (window as unknown as { __bench: PageProbes }).__bench.renders.flatMap((render) => render.records).filter((record) => record.mic !== undefined).length >= count,
      sent,
      { timeout: 10_000, polling: 100 },
    )
    .catch(() => undefined)
  const recorded = await worker.evaluate(takeRecordedFrames)
  const frames = recorded.frames.map(({ at, bytes }) => ({ at, bytes: Uint8Array.from(bytes) }))
  const { renders, patchesRead } = await page.evaluate(() => {
    const bench = (window as unknown as { __bench: PageProbes; __benchRecord(on: boolean): void })
    bench.__benchRecord(false)
    const taken = { renders: bench.__bench.renders, patchesRead: bench.__bench.patchesRead }
    bench.__bench.renders = []
    bench.__bench.patchesRead = []
    return taken
  }) as { renders: RenderBatch[]; patchesRead: RecordedMessage[] }
  const receipts = micReceipts(frames, writers.members)
  const { latencies, paired } = pairReceipts(receipts, renders)
  const sightings = (messages: RecordedMessage[]) => messages.flatMap(({ at, message }) => micSightingsOf(message, at))
  const hops = hopsOf(paired, sightings(recorded.patchesPosted), sightings(patchesRead))
  const foreign = foreignTouches(renders)
  return {
    ...latencySummary(latencies),
    hops: {
      core: latencySummary(hops.map((hop) => hop.core)),
      transfer: latencySummary(hops.map((hop) => hop.transfer)),
      page: latencySummary(hops.map((hop) => hop.page)),
      seen: hops.length,
    },
    sent,
    received: receipts.length,
    paired: latencies.length,
    touches: micRenders(renders).flatMap((render) => render.records).length,
    foreign: foreign.length,
    foreignKinds: [...new Set(foreign.map((record) => record.what))].slice(0, 5),
  }
}

/** Every writer's face is in the DOM; else says which are missing and what the page shows of them. */
export async function waitForWriterFaces(page: Page, writers: Writers): Promise<void> {
  const members = [...writers.members.values()]
  const missing = (ids: string[]) => ids.filter((id) => document.querySelector(`.face[data-member="${id}"]`) === null)
  try {
    await page.waitForFunction((ids) => ids.every((id) => document.querySelector(`.face[data-member="${id}"]`) !== null), members, { timeout: 120_000, polling: 500 })
  } catch {
    const absent = await page.evaluate(missing, members)
    const faces = await page.evaluate(() => document.querySelectorAll('.face').length)
    throw new Error(`office bench: ${absent.length} of ${members.length} writers have no face (${absent.slice(0, 5).join(', ')}…) among ${faces} faces`)
  }
}
