// A 10,000-message discussion in the real web build (issue 12): how long it takes to open, how
// many message nodes the page holds, and the frames while scrolling it from the newest message to
// the first, against a real sync server. The test (e2e/web/discussion-scale.spec.ts) proves the
// behaviour; these are the timings.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { hallwayCli } from '../e2e/web/hallway-server'
import { writeLongDiscussion } from '../e2e/web/long-discussion'
import { ensureWebBuild, startWebServer } from '../scripts/serve-web'
import { startServer } from '../server/start'
import type { Figure } from './presence'

const COUNT = 10_000
/** Pixels per frame: a brisk scroll, covering the discussion in a few hundred frames. */
const STEP_PX = 600

interface ScrollRun {
  frames: number[]
  longestTask: number
  maxNodes: number
  reachedFirst: boolean
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? 0
const round = (value: number) => Math.round(value * 10) / 10

export async function runDiscussionScrollBench(): Promise<Figure[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hallway-discussion-bench-'))
  await ensureWebBuild({ quiet: true })
  const server = await startServer({ dataDir, port: 0, host: '127.0.0.1' })
  const web = await startWebServer({ serverUrl: server.url, port: 0 })
  const browser = await chromium.launch({ headless: true, executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
  try {
    const teamId = await hallwayCli('team', 'create', '--data', dataDir, '--name', 'Discussion Bench')
    const token = (user: string) => hallwayCli('token', '--data', dataDir, '--team', teamId, '--user', user, '--name', user)
    await writeLongDiscussion(server.url, teamId, 'kitchen', 'bob', await token('bob'), COUNT)

    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage()
    await page.goto(`${web.url}?${new URLSearchParams({ server: server.url, team: teamId, token: await token('ada') })}`)
    const kitchen = page.getByRole('region', { name: 'Kitchen' })
    await kitchen.waitFor()
    const opened = Date.now()
    await kitchen.getByRole('button', { name: 'Discussion' }).click()
    const list = page.getByRole('list', { name: 'Messages' })
    await list.getByText(`Message ${COUNT}`, { exact: true }).waitFor({ timeout: 120_000 })
    const openMs = Date.now() - opened

    const run = await list.evaluate(async (element, step): Promise<ScrollRun> => {
      const scroller = element.parentElement!
      let longestTask = 0
      const tasks = new PerformanceObserver((entries) => {
        for (const entry of entries.getEntries()) longestTask = Math.max(longestTask, entry.duration)
      })
      tasks.observe({ type: 'longtask' })
      const frames: number[] = []
      let maxNodes = element.children.length
      let last = await new Promise<number>((resolve) => requestAnimationFrame(resolve))
      while (scroller.scrollTop > 0) {
        scroller.scrollTop = Math.max(0, scroller.scrollTop - step)
        const now = await new Promise<number>((resolve) => requestAnimationFrame(resolve))
        frames.push(now - last)
        last = now
        maxNodes = Math.max(maxNodes, element.children.length)
      }
      // Two more frames for the window to settle at the top.
      for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve))
      tasks.disconnect()
      const reachedFirst = [...element.children].some((item) => item.getAttribute('aria-posinset') === '1')
      return { frames, longestTask, maxNodes, reachedFirst }
    }, STEP_PX)
    if (!run.reachedFirst) throw new Error('discussion bench: scrolling to the top did not show the first message')

    return [
      { name: `open a ${COUNT.toLocaleString('en')}-message discussion (click to newest shown)`, value: openMs, unit: 'ms' },
      { name: 'message nodes in the DOM at most, while scrolling', value: run.maxNodes, unit: 'nodes' },
      { name: `scroll to the first message: frames (${STEP_PX} px each)`, value: run.frames.length, unit: 'frames' },
      { name: 'frame interval while scrolling, p50', value: round(percentile(run.frames, 50)), unit: 'ms' },
      { name: 'frame interval while scrolling, p99', value: round(percentile(run.frames, 99)), unit: 'ms' },
      { name: 'longest task while scrolling', value: round(run.longestTask), unit: 'ms' },
    ]
  } finally {
    await browser.close()
    await web.close()
    await server.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}
