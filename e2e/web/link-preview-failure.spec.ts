// First-day defects, round 2 (issue 12): what a real-use pass with three members found, each
// checked as a member meets it, against a real server in Chromium. This file: a link whose preview fails.
import { rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startWebServer } from '../../scripts/serve-web'
import { createTestTeam, startTestServer, tempDir, tokenFor } from '../../server/testing/harness'
import { expect, test } from './fixtures'

function serveBrokenPage(): Promise<Server & { hits: () => number }> {
  let hits = 0
  const target = createServer((request, response) => {
    if (request.url === '/broken') {
      hits += 1
      response.writeHead(500).end('down')
      return
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    response.end('<!doctype html><html><head><meta property="og:title" content="The working page"></head><body></body></html>')
  })
  return new Promise((resolve) => target.listen(0, '127.0.0.1', () => resolve(Object.assign(target, { hits: () => hits }))))
}

test('a link whose preview fails keeps its message, shows no card, and leaves no console error or unhandled rejection', async ({ browser, webBuild: _ }) => {
  const target = await serveBrokenPage()
  const dataDir = tempDir('hallway-e2e-unfurl-fail-')
  const server = await startTestServer(dataDir, { unfurl: { allowLoopbackForTests: true } })
  const web = await startWebServer({ serverUrl: server.url, port: 0 })
  try {
    const teamId = await createTestTeam(dataDir)
    const context = await browser.newContext()
    const problems: string[] = []
    context.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`))
    context.on('weberror', (error) => problems.push(`uncaught: ${error.error().message}`))
    const page = await context.newPage()
    // The core runs in a Web Worker, which fetches the preview: its console is listened to as well.
    page.on('worker', (worker) => worker.on('console', (message) => message.type() === 'error' && problems.push(`worker console: ${message.text()}`)))
    await page.goto(`${web.url}?${new URLSearchParams({ server: server.url, team: teamId, token: await tokenFor(dataDir, teamId, 'ada') })}`)
    await page.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Discussion' }).click()
    const panel = page.getByRole('complementary', { name: 'Kitchen discussion' })
    const composer = panel.getByRole('textbox', { name: 'Message Kitchen' })
    const base = `http://127.0.0.1:${(target.address() as AddressInfo).port}`

    const failed = context.waitForEvent('response', (response) => response.url().includes('/api/unfurl') && response.status() === 502)
    await composer.fill(`Broken: ${base}/broken`)
    await composer.press('Enter')
    await failed
    expect(target.hits()).toBeGreaterThan(0)
    // A later link that unfurls: once its card shows, the broken one has had its time to show one.
    await composer.fill(`Working: ${base}/ok`)
    await composer.press('Enter')
    await expect(panel.getByRole('link', { name: /The working page/ })).toBeVisible()

    await expect(panel.getByText(`Broken: ${base}/broken`)).toBeVisible()
    await expect(panel.getByRole('link', { name: new RegExp(`${base}/broken`) })).toHaveCount(1)
    await expect(panel.locator('.preview')).toHaveCount(1)
    expect(problems).toEqual([])
    await context.close()
  } finally {
    await web.close()
    await server.close()
    target.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
