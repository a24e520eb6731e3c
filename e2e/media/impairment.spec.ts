// One publisher's uplink capped at 300 kbit/s (tbf on its own namespace's veth): its voice keeps
// flowing, its video sheds to the lowest layer or off, and comes back once the cap is lifted.
import { expect, test, type Browser, type Page } from '@playwright/test'
import { startSfu, type ClientNetns, type Sfu } from '../../scripts/livekit/sfu'
import { expectFlowing, inboundStream } from './media-expect'
import { launchMemberBrowser, openMember } from './member-browser'
import { sfuUnavailable } from './sfu-available'

test.describe.configure({ mode: 'serial' })
test.skip(sfuUnavailable() !== null, sfuUnavailable() ?? '')

const TOP_HEIGHT = 360
const LOWEST_HEIGHT = 180
const CAPPED_FOR_MS = 20_000
/** The bound, from the moment the cap lifts, for the sender and for what the receiver sees. */
const RECOVERY_MS = 20_000

let sfu: Sfu
let uplink: ClientNetns
const browsers: Browser[] = []
let ada: Page
let bob: Page

test.beforeAll(async () => {
  sfu = await startSfu()
  uplink = sfu.attachClient()
  browsers.push(await launchMemberBrowser(), await launchMemberBrowser({ netns: uplink }))
})

test.afterAll(async () => {
  await Promise.all(browsers.map((browser) => browser.close()))
  await sfu?.stop()
})

/** Bob's camera as Ada receives it: its decoded height, or 0 once no new bytes arrive. */
function receivedHeight(ada: Page): () => Promise<number> {
  let lastBytes = -1
  let lastGrowth = Date.now()
  return async () => {
    const camera = await inboundStream(ada, 'bob', 'camera')
    const bytes = camera?.bytesReceived ?? 0
    if (bytes > lastBytes) {
      lastBytes = bytes
      lastGrowth = Date.now()
    }
    if (!camera || camera.muted || Date.now() - lastGrowth > 1000) return 0
    return camera.frameHeight ?? 0
  }
}

const longestAudioGap = (ada: Page) => ada.evaluate(() => window.hallwayMedia.longestAudioGapMs('bob'))

/** Whether Bob's camera sends all its simulcast layers again (bytes on every layer since the last call). */
function sendingAllLayers(bob: Page): () => Promise<boolean> {
  let last = new Map<string, number>()
  return async () => {
    const layers = (await bob.evaluate(() => window.hallwayMedia.outbound()))?.camera ?? []
    const grew = layers.length > 0 && layers.every((layer) => layer.active && layer.bytesSent > (last.get(layer.rid) ?? Infinity))
    last = new Map(layers.map((layer) => [layer.rid, layer.bytesSent]))
    return grew
  }
}

test('a 300 kbit/s uplink keeps the voice, sheds video within 10 s, and video is back at the receiver within 20 s of the cap lifting', async () => {
  ada = await openMember(browsers[0]!, sfu, { identity: 'ada', camera: false })
  bob = await openMember(browsers[1]!, sfu, { identity: 'bob' })
  const height = receivedHeight(ada)
  await expectFlowing(ada, 'bob', 'audio')
  await expect.poll(height, { message: 'top layer before the cap', timeout: 30_000 }).toBe(TOP_HEIGHT)
  await ada.evaluate(() => window.hallwayMedia.watchAudio('bob'))

  uplink.cap('300kbit')
  const cappedAt = Date.now()
  await expect.poll(height, { message: 'lowest layer or off under the cap', timeout: 10_000, intervals: [200] }).toBeLessThanOrEqual(LOWEST_HEIGHT)
  const shedMs = Date.now() - cappedAt

  // Stay capped a while: the publish policy probes upward and must keep the voice through it.
  while (Date.now() - cappedAt < CAPPED_FOR_MS) {
    expect(await longestAudioGap(ada), 'longest gap in received audio under the cap').toBeLessThan(1000)
    await ada.waitForTimeout(500)
  }
  expect(await height()).toBeLessThanOrEqual(LOWEST_HEIGHT)
  const told = await bob.evaluate(() => window.hallwayMedia.snapshot()?.notice)
  expect(told).toMatch(/^Your connection is (weak|too weak|struggling)/)
  const remoteBob = await ada.evaluate(() => window.hallwayMedia.snapshot()?.remotes.find((remote) => remote.identity === 'bob'))
  expect(remoteBob?.mic).toBe(true)

  uplink.uncap()
  const liftedAt = Date.now()
  const liftedOnPage = await bob.evaluate(() => performance.now())
  const policySamples = async () =>
    JSON.stringify(
      (await bob.evaluate(() => window.hallwayMedia.samples))
        .filter((sample) => sample.at >= liftedOnPage - 3000)
        .map((x) => ({ t: Math.round(x.at - liftedOnPage), step: x.step, send: `${x.sendingLayers}/${x.activeLayers}`, est: x.availableBitrate })),
    )
  const allLayers = sendingAllLayers(bob)
  await expect
    .poll(allLayers, { message: 'Bob sends every layer again', timeout: RECOVERY_MS, intervals: [250] })
    .toBe(true)
    .catch(async (error: unknown) => {
      console.log(`policy samples since the cap lifted: ${await policySamples()}`)
      throw error
    })
  const senderBackMs = Date.now() - liftedAt
  await expect
    .poll(height, { message: 'top layer received again', timeout: Math.max(0, RECOVERY_MS - senderBackMs), intervals: [250] })
    .toBe(TOP_HEIGHT)
  const recoverMs = Date.now() - liftedAt
  const gapMs = await longestAudioGap(ada)
  expect(gapMs).toBeLessThan(1000)
  const steps = await bob.evaluate(() => window.hallwayMedia.steps.map((step) => step.step))
  console.log(
    `300 kbit/s cap: video shed after ${shedMs} ms, longest audio gap ${Math.round(gapMs)} ms; after the cap lifted the sender ` +
      `sent every layer again after ${senderBackMs} ms and the receiver got the top layer after ${recoverMs} ms; policy steps ${steps.join(' → ')}`,
  )
})
