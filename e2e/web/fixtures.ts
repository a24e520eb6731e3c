import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test'
import type { Role } from '../../shared/model/schema'
import { ensureWebBuild, startWebServer } from '../../scripts/serve-web'
import { freePort, hallwayCli, startServerProcess, type ServerProcess } from './hallway-server'

export interface Hallway {
  teamId: string
  teamName: string
  serverUrl: string
  /** The server's data directory, for admin CLI commands such as `seed` and `crowd`. */
  dataDir: string
  /** A member token minted by the admin CLI (role: member unless given). */
  token(userId: string, name: string, role?: Role): Promise<string>
  /** An invite link to this web client from the admin CLI (`hallway invite --web --server`), for a new member unless given. */
  inviteLink(options?: { role?: Role }): Promise<URL>
  /** The web client with these query parameters, in a browser context of its own. */
  visit(params: Record<string, string>): Promise<Page>
  /** The office signed in as this member (docs/contract.md, "Web client"). */
  open(userId: string, name: string, role?: Role): Promise<Page>
  /** What the pages opened so far printed as console errors (failed loads included), in order. */
  consoleErrors(): readonly string[]
  /** Needs `test.use({ ownServer: true })`. */
  killServer(): Promise<void>
  /** Needs `test.use({ ownServer: true })`. SIGTERM: the server drains and exits, as a restart does. */
  stopServer(): Promise<void>
  /** Starts the server again on the same port and data. */
  restartServer(): Promise<void>
}

/** A sync server process on a temp data dir, and the web client served for it. */
interface Deployment {
  dataDir: string
  serverUrl: string
  webUrl: string
  kill(): Promise<void>
  stop(): Promise<void>
  restart(): Promise<void>
  remove(): Promise<void>
}

async function deploy(): Promise<Deployment> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hallway-e2e-'))
  const port = await freePort()
  let server: ServerProcess | null = await startServerProcess(port, dataDir)
  const serverUrl = server.url
  const web = await startWebServer({ serverUrl, port: 0 })
  const kill = async () => {
    await server?.kill()
    server = null
  }
  return {
    dataDir,
    serverUrl,
    webUrl: web.url,
    kill,
    stop: async () => {
      await server?.stop()
      server = null
    },
    restart: async () => {
      server = await startServerProcess(port, dataDir)
    },
    remove: async () => {
      await kill()
      await web.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * Tests share one sync server per worker, each on a fresh team; a test that kills the server
 * asks for its own. The web bundle is built once per run when it is missing or stale.
 */
export const test = base.extend<{ hallway: Hallway; ownServer: boolean }, { webBuild: void; sharedDeployment: Deployment }>({
  webBuild: [
    // Playwright reads a fixture's dependencies from its destructuring pattern: this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      await ensureWebBuild({ quiet: true })
      await use()
    },
    { scope: 'worker', timeout: 60_000 },
  ],

  sharedDeployment: [
    async ({ webBuild: _ }, use) => {
      const deployment = await deploy()
      await use(deployment)
      await deployment.remove()
    },
    { scope: 'worker', timeout: 30_000 },
  ],

  ownServer: [false, { option: true }],

  hallway: async ({ browser, ownServer, sharedDeployment }, use) => {
    const deployment = ownServer ? await deploy() : sharedDeployment
    const { dataDir, serverUrl } = deployment
    const teamName = 'Hallway E2E'
    const teamId = await hallwayCli('team', 'create', '--data', dataDir, '--name', teamName)
    const contexts: BrowserContext[] = []
    const pageErrors: string[] = []
    const consoleErrors: string[] = []

    const token = (userId: string, name: string, role: Role = 'member') =>
      hallwayCli('token', '--data', dataDir, '--team', teamId, '--user', userId, '--name', name, '--role', role)
    const visit = async (params: Record<string, string>) => {
      const context = await browser.newContext()
      contexts.push(context)
      const page = await context.newPage()
      page.on('pageerror', (error) => pageErrors.push(error.message))
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`)
      })
      await page.goto(`${deployment.webUrl}?${new URLSearchParams(params)}`)
      return page
    }
    const ownOnly = () => {
      throw new Error('Killing the shared server would break other tests: test.use({ ownServer: true }).')
    }

    await use({
      teamId,
      teamName,
      serverUrl,
      dataDir,
      token,
      visit,
      inviteLink: async (options = {}) =>
        new URL(await hallwayCli('invite', '--data', dataDir, '--team', teamId, '--role', options.role ?? 'member', '--web', deployment.webUrl, '--server', serverUrl)),
      open: async (userId, name, role) => visit({ server: serverUrl, team: teamId, token: await token(userId, name, role) }),
      consoleErrors: () => consoleErrors,
      killServer: ownServer ? deployment.kill : ownOnly,
      stopServer: ownServer ? deployment.stop : ownOnly,
      restartServer: ownServer ? deployment.restart : ownOnly,
    })

    await Promise.all(contexts.map((context) => context.close()))
    if (ownServer) await deployment.remove()
    expect(pageErrors, 'uncaught errors in the pages').toEqual([])
  },
})

export { expect }
