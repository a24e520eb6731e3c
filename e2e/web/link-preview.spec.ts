// Link previews in the browser (issue 12): a link posted in a discussion is unfurled by the real
// server's unfurl path from a page this test serves, and both members see the preview card.
import { rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startWebServer } from '../../scripts/serve-web'
import { createTestTeam, startTestServer, tempDir, tokenFor } from '../../server/testing/harness'
import { expect, test } from './fixtures'

const PAGE = `<!doctype html><html><head><title>Plan</title>
<meta property="og:title" content="The quarterly plan">
<meta property="og:description" content="What ships next, and why">
<meta property="og:site_name" content="Plans wiki">
</head><body>Plan</body></html>`

function serveTarget(): Promise<Server> {
  const target = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    response.end(PAGE)
  })
  return new Promise((resolve) => target.listen(0, '127.0.0.1', () => resolve(target)))
}

test('a link posted in a discussion is unfurled by the server and its preview shows to both members', async ({ browser, webBuild: _ }) => {
  const target = await serveTarget()
  const dataDir = tempDir('hallway-e2e-unfurl-')
  // The unfurl path refuses loopback targets; this server lets the test's own page through.
  const server = await startTestServer(dataDir, { unfurl: { allowLoopbackForTests: true } })
  const web = await startWebServer({ serverUrl: server.url, port: 0 })
  try {
    const teamId = await createTestTeam(dataDir)
    const open = async (userId: string) => {
      const page = await (await browser.newContext()).newPage()
      await page.goto(`${web.url}?${new URLSearchParams({ server: server.url, team: teamId, token: await tokenFor(dataDir, teamId, userId) })}`)
      await page.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Discussion' }).click()
      return page.getByRole('complementary', { name: 'Kitchen discussion' })
    }
    const [ada, bob] = await Promise.all([open('ada'), open('bob')])
    const link = `http://127.0.0.1:${(target.address() as AddressInfo).port}/plan`
    const composer = ada.getByRole('textbox', { name: 'Message Kitchen' })
    await composer.fill(`Read this first: ${link}`)
    await composer.press('Enter')

    for (const panel of [ada, bob]) {
      const preview = panel.getByRole('link', { name: /The quarterly plan/ })
      await expect(preview).toBeVisible()
      await expect(preview).toHaveAttribute('href', link)
      await expect(preview).toContainText('Plans wiki')
      await expect(preview).toContainText('What ships next, and why')
    }
    await bob.page().screenshot({ path: test.info().outputPath('link-preview.png') })
    await Promise.all([ada.page().context().close(), bob.page().context().close()])
  } finally {
    await web.close()
    await server.close()
    target.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
