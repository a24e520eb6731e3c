// The web office against a real sync server and a real LiveKit SFU (scripts/livekit/sfu.ts), each
// member in Chromium with fake devices: a camera, and a microphone that talks in bursts so the
// SFU's active-speaker detection hears it.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { startSfu, type Sfu } from '../../scripts/livekit/sfu'
import { ensureWebBuild, startWebServer, type RunningWebServer } from '../../scripts/serve-web'
import { startServer, type RunningServer } from '../../server/start'
import { writeFakeVoice } from '../media/fake-voice'
import { launchMemberBrowser } from '../media/member-browser'
import { hallwayCli } from './hallway-server'

export interface CallOffice {
  member(id: string): Page
  /** The sync server, its data directory and the team, for admin CLI commands such as `seed` and `crowd`. */
  serverUrl: string
  dataDir: string
  teamId: string
  /** Uncaught errors in any member's page, prefixed by the member's id. */
  pageErrors: string[]
  /** Console warnings and errors of every member's page, in order. */
  consoleLines: ConsoleLine[]
  /** The SFU's address, as `host:port`. */
  sfuHost: string
  /** SIGKILL to the SFU (a crash); `restartSfu` starts it again. */
  killSfu(): Promise<void>
  /** Kills the SFU if it runs and starts it again on the same address; resolves once it answers. */
  restartSfu(): Promise<void>
  close(): Promise<void>
}

export interface ConsoleLine {
  member: string
  type: 'error' | 'warning'
  text: string
  /** Chromium's own entry (a failed request), not a console call of page code: no script can hold it back. */
  fromBrowser: boolean
  /** Where it was logged: the script, or for a failed request the URL it was for. */
  url: string
}

/** One page per member, each in its own browser context, signed in to the same team. */
export async function openCallOffice(members: ReadonlyArray<readonly [id: string, name: string]>): Promise<CallOffice> {
  let sfu: Sfu | undefined
  let server: RunningServer | undefined
  let web: RunningWebServer | undefined
  let browser: Browser | undefined
  let dataDir = ''
  let teamId = ''
  const pages = new Map<string, Page>()
  const pageErrors: string[] = []
  const consoleLines: ConsoleLine[] = []
  const close = async () => {
    await browser?.close()
    await web?.close()
    await server?.close()
    await sfu?.stop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  }
  try {
    try {
      sfu = await startSfu()
    } catch (error) {
      // CI installs the SFU; a missing one is a broken setup, never a reason to skip.
      throw new Error(`The LiveKit SFU could not start, so calls cannot be tested: ${(error as Error).message}`)
    }
    await ensureWebBuild({ quiet: true })
    dataDir = await mkdtemp(join(tmpdir(), 'hallway-call-e2e-'))
    server = await startServer({ dataDir, port: 0, host: '127.0.0.1', livekit: { url: sfu.url, apiKey: sfu.apiKey, apiSecret: sfu.apiSecret } })
    web = await startWebServer({ serverUrl: server.url, port: 0, livekitUrl: sfu.url })
    teamId = await hallwayCli('team', 'create', '--data', dataDir, '--name', 'Call Test')
    browser = await launchMemberBrowser({ extraFlags: [`--use-file-for-fake-audio-capture=${writeFakeVoice()}`] })
    for (const [id, name] of members) {
      const token = await hallwayCli('token', '--data', dataDir, '--team', teamId, '--user', id, '--name', name)
      // The SFU sits on a private address: Chromium's Local Network Access asks first.
      const context = await browser.newContext({ permissions: ['local-network-access'] })
      const page = await context.newPage()
      page.on('pageerror', (error) => pageErrors.push(`${id}: ${error.stack}`))
      page.on('console', (message) => {
        const type = message.type()
        if (type !== 'error' && type !== 'warning') return
        // Playwright gives a browser entry (CDP Log.entryAdded) no arguments; a console call has at least one.
        consoleLines.push({ member: id, type, text: message.text(), fromBrowser: message.args().length === 0, url: message.location().url })
      })
      await page.goto(`${web.url}?${new URLSearchParams({ server: server.url, team: teamId, token })}`)
      pages.set(id, page)
    }
  } catch (error) {
    await close()
    throw error
  }
  return {
    member(id) {
      const page = pages.get(id)
      if (!page) throw new Error(`No member ${id} in this call office.`)
      return page
    },
    serverUrl: server.url,
    dataDir,
    teamId,
    pageErrors,
    consoleLines,
    sfuHost: new URL(sfu!.url).host,
    killSfu: () => sfu!.kill(),
    restartSfu: () => sfu!.restart(),
    close,
  }
}

/** The member's call state as the office's call controller has it (renderer/media/call-probe.ts). */
export const callPhase = (page: Page) => page.evaluate(() => window.__hallwayCall?.state().phase ?? null)
