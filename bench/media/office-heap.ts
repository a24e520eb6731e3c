// The office page's JS heap across join/leave cycles (issue 5): the real web build (office view
// and, as in every browser, the media host in the same page) against a real sync server and the
// real SFU. Someone is already talking in Kitchen; the member walks in and out with the room's
// Join and Leave buttons, as a person would.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type {} from '../../renderer/media/call-probe'
import { launchMemberBrowser } from '../../e2e/media/member-browser'
import { heapAfterGc, usedHeapAfterGc, type HeapFigures } from './heap-snapshot'
import { hallwayCli } from '../../e2e/web/hallway-server'
import { startSfu } from '../../scripts/livekit/sfu'
import { ensureWebBuild, startWebServer } from '../../scripts/serve-web'
import { startServer } from '../../server/start'

export interface OfficeHeapResult {
  cycles: number
  /** After a forced GC: office open, in the first call, after the first leave, after the last. */
  before: HeapFigures
  during: HeapFigures
  afterFirst: HeapFigures
  after: HeapFigures
  /** V8 heap in use after GC following each leave: a leak climbs steadily, warm-up flattens. */
  usedAfterEachLeave: number[]
}

async function openOffice(url: string, browser: Awaited<ReturnType<typeof launchMemberBrowser>>): Promise<Page> {
  // The SFU sits on a private address: Chromium's Local Network Access asks first.
  const context = await browser.newContext({ permissions: ['local-network-access', 'microphone', 'camera'] })
  const page = await context.newPage()
  await page.goto(url)
  await page.getByRole('region', { name: 'Kitchen' }).waitFor()
  return page
}

const phase = (page: Page) => page.evaluate(() => window.__hallwayCall?.state().phase ?? null)

async function hearing(page: Page, identity: string): Promise<boolean> {
  return page.evaluate(async (id) => {
    const audio = (await window.__hallwayCall?.inbound())?.find((remote) => remote.identity === id)?.audio
    return audio !== undefined && audio !== null && audio.subscribed && audio.bytesReceived > 0
  }, identity)
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`office heap bench: timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function walk(page: Page, button: 'Join' | 'Leave'): Promise<void> {
  await page.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: button, exact: true }).click()
}

export async function runOfficeHeapBench(cycles = 20): Promise<OfficeHeapResult> {
  const sfu = await startSfu()
  const dataDir = await mkdtemp(join(tmpdir(), 'hallway-heap-bench-'))
  await ensureWebBuild({ quiet: true })
  const server = await startServer({ dataDir, port: 0, host: '127.0.0.1', livekit: { url: sfu.url, apiKey: sfu.apiKey, apiSecret: sfu.apiSecret } })
  const web = await startWebServer({ serverUrl: server.url, port: 0, livekitUrl: sfu.url })
  const publisherBrowser = await launchMemberBrowser()
  const memberBrowser = await launchMemberBrowser({ extraFlags: ['--js-flags=--expose-gc'] })
  try {
    const teamId = await hallwayCli('team', 'create', '--data', dataDir, '--name', 'Heap Bench')
    const urlFor = async (user: string) => {
      const token = await hallwayCli('token', '--data', dataDir, '--team', teamId, '--user', user, '--name', user)
      return `${web.url}?${new URLSearchParams({ server: server.url, team: teamId, token })}`
    }
    const publisher = await openOffice(await urlFor('pia'), publisherBrowser)
    await walk(publisher, 'Join')
    await until(async () => (await phase(publisher)) === 'connected', "the publisher's call")

    const page = await openOffice(await urlFor('jo'), memberBrowser)
    const cdp = await page.context().newCDPSession(page)
    const before = await heapAfterGc(page, cdp)
    let during: HeapFigures | null = null
    let afterFirst: HeapFigures | null = null
    const usedAfterEachLeave: number[] = []
    for (let i = 0; i < cycles; i++) {
      await walk(page, 'Join')
      await until(() => hearing(page, 'pia'), "pia's voice")
      if (i === 0) during = await heapAfterGc(page, cdp)
      await walk(page, 'Leave')
      await until(async () => (await phase(page)) === 'idle' && (await page.locator('audio, video').count()) === 0, 'the call to end')
      if (i === 0) afterFirst = await heapAfterGc(page, cdp)
      usedAfterEachLeave.push(i === 0 ? afterFirst!.usedBytes : await usedHeapAfterGc(page, cdp))
    }
    const after = await heapAfterGc(page, cdp)
    return { cycles, before, during: during!, afterFirst: afterFirst!, after, usedAfterEachLeave }
  } finally {
    await Promise.all([publisherBrowser.close(), memberBrowser.close()])
    await web.close()
    await server.close()
    await sfu.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}
