import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test'
import { ensureWebBuild, startWebServer } from '../../scripts/serve-web'
import { freePort, hallwayCli, startServerProcess, type ServerProcess } from './hallway-server'

export interface Hallway {
  teamId: string
  teamName: string
  serverUrl: string
  /** A member token minted by the admin CLI. */
  token(userId: string, name: string): Promise<string>
  /** The web client with these query parameters, in a browser context of its own. */
  visit(params: Record<string, string>): Promise<Page>
  /** The office signed in as this member (CONTRACT.md, "Web client"). */
  open(userId: string, name: string): Promise<Page>
  killServer(): Promise<void>
  /** Starts the server again on the same port and data. */
  restartServer(): Promise<void>
}

/**
 * Each test gets its own sync server process (temp data dir, free port, a fresh team) and a web
 * server for it; the web bundle is built once per run when it is missing or stale.
 */
export const test = base.extend<{ hallway: Hallway }, { webBuild: void }>({
  webBuild: [
    // Playwright reads a fixture's dependencies from its destructuring pattern: this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      await ensureWebBuild({ quiet: true })
      await use()
    },
    { scope: 'worker', timeout: 60_000 },
  ],

  hallway: async ({ browser, webBuild: _ }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'hallway-e2e-'))
    const teamName = 'Hallway E2E'
    const teamId = await hallwayCli('team', 'create', '--data', dataDir, '--name', teamName)
    const port = await freePort()
    let server: ServerProcess | null = await startServerProcess(port, dataDir)
    const serverUrl = server.url
    const web = await startWebServer({ serverUrl, port: 0 })
    const contexts: BrowserContext[] = []
    const pageErrors: string[] = []

    const token = (userId: string, name: string) => hallwayCli('token', '--data', dataDir, '--team', teamId, '--user', userId, '--name', name)
    const visit = async (params: Record<string, string>) => {
      const context = await browser.newContext()
      contexts.push(context)
      const page = await context.newPage()
      page.on('pageerror', (error) => pageErrors.push(error.message))
      await page.goto(`${web.url}?${new URLSearchParams(params)}`)
      return page
    }

    await use({
      teamId,
      teamName,
      serverUrl,
      token,
      visit,
      open: async (userId, name) => visit({ server: serverUrl, team: teamId, token: await token(userId, name) }),
      async killServer() {
        await server?.kill()
        server = null
      },
      async restartServer() {
        server = await startServerProcess(port, dataDir)
      },
    })

    await Promise.all(contexts.map((context) => context.close()))
    await server?.kill()
    await web.close()
    await rm(dataDir, { recursive: true, force: true })
    expect(pageErrors, 'uncaught errors in the pages').toEqual([])
  },
})

export { expect }
