// The seeded office the paint diagnostics reload (office-paint-compare.ts, office-paint-raster.ts): a
// server on the 1,000-member team with its crowd online, Chromium, and a web server per web root.
import { chromium, type Browser } from 'playwright-core'
import { ensureWebBuild, startWebServer, WEB_ROOT, type RunningWebServer } from '../scripts/serve-web'
import { loadOrCreateSecret } from '../server/auth/secret'
import { startCrowd } from '../server/cli/crowd'
import { silentLogger } from '../server/observe/log'
import { removeTempDirs, tempDir, tokenFor } from '../server/testing/harness'
import { startServerProcess } from './fanout/server-process'
import { OFFICE_CROWD, seedOfficeTeam } from './seeded-office'

export interface PaintRig {
  browser: Browser
  /** One per root asked for, in that order. */
  webs: RunningWebServer[]
  /** What a watcher page's URL carries: the server, the team and a member's token. */
  query: URLSearchParams
  close(): Promise<void>
}

/** `roots`: web roots to serve; undefined is this checkout's out/web, built first when stale. */
export async function startPaintRig(label: string, roots: ReadonlyArray<string | undefined>): Promise<PaintRig> {
  const dataDir = tempDir(`hallway-${label}-`)
  const teamId = await seedOfficeTeam(dataDir, label, { statuses: true })
  if (roots.includes(undefined)) await ensureWebBuild({ quiet: true })
  const server = await startServerProcess('ours', { dataDir })
  const serverUrl = `http://${new URL(server.syncUrl).host}`
  const crowd = await startCrowd({ serverUrl, secret: loadOrCreateSecret(dataDir), teamId, count: OFFICE_CROWD, movesPerSecond: 0, log: silentLogger, onlineTimeoutMs: 300_000 })
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' })
  const webs = await Promise.all(roots.map((root) => startWebServer({ serverUrl, port: 0, root: root ?? WEB_ROOT })))
  const query = new URLSearchParams({ server: serverUrl, team: teamId, token: await tokenFor(dataDir, teamId, 'bench-watcher') })
  return {
    browser,
    webs,
    query,
    close: async () => {
      await Promise.all(webs.map((web) => web.close()))
      await browser.close()
      await crowd.close()
      await server.stop()
      removeTempDirs()
    },
  }
}
