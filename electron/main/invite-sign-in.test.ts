// Sign-in from a hallway://join link (issue 13): main against the fake Electron, the invite accepted by a real server.
import { statSync } from 'node:fs'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { readTokenClaims } from '../../shared/contract/token-claims'
import { createInvite } from '../../server/auth/invites'
import type { RunningServer } from '../../server/start'
import { SqliteAccessStore } from '../../server/store/sqlite-access-store'
import { createTestTeam, refusedUrl, removeTempDirs, startTestServer, tempDir } from '../../server/testing/harness'
import { readSignIn } from '../common/token-file'
import { startMain } from '../testing/start-main'
import { readLaunchConfig } from './launch-config'
import { coreDataDir } from './main-process'
import { SIGN_IN_FORM_ACTION } from './setup-page'

const servers: RunningServer[] = []
afterEach(async () => Promise.all(servers.splice(0).map((server) => server.close())))
afterAll(removeTempDirs)

async function teamWithInvite(ttlSeconds = 3600) {
  const dir = tempDir()
  const teamId = await createTestTeam(dir, 'Acme')
  const server = await startTestServer(dir)
  servers.push(server)
  const access = SqliteAccessStore.open(dir)
  try {
    const { code } = await createInvite(access, { teamId, role: 'member', ttlSeconds })
    return { teamId, server, code }
  } finally {
    await access.close()
  }
}

/** Main unconfigured (never signed in), its user data in a fresh folder. */
async function freshInstall() {
  const main = await startMain({ ok: false, problem: 'Hallway does not know which server to join.' })
  main.paths.userData = tempDir('hallway-user-data-')
  const page = () => decodeURIComponent(main.window.loadedUrl!.replace('data:text/html;charset=utf-8,', ''))
  const submitName = (name: string) => main.window.webContents.navigate(`${SIGN_IN_FORM_ACTION}?name=${encodeURIComponent(name)}`)
  return { ...main, page, submitName }
}

const joinLink = (serverUrl: string, code: string) => `hallway://join?server=${encodeURIComponent(serverUrl)}&invite=${code}`

describe('sign-in from an invitation link (fake Electron, real server)', () => {
  it('asks for a name, accepts the invite, keeps the token in the token file (never a command line), and restarts into the office', async () => {
    const { teamId, server, code } = await teamWithInvite()
    const main = await freshInstall()
    main.openUrl(joinLink(server.url, code))
    await vi.waitFor(() => expect(main.page()).toContain(`action="${SIGN_IN_FORM_ACTION}"`))
    expect(main.page()).toContain(server.url)
    expect(main.page()).not.toContain(code)

    expect(main.submitName('Grace Hopper')).toBe(false)
    await vi.waitFor(() => expect(main.lifecycle.relaunches).toBe(1))
    expect(main.lifecycle.exited).toBe(true)

    const dataDir = coreDataDir(main.electron.app)
    const stored = readSignIn(dataDir)
    expect(stored?.serverUrl).toBe(server.url)
    expect(readTokenClaims(stored!.token)).toMatchObject({ team: teamId, name: 'Grace Hopper', role: 'member' })
    expect(statSync(`${dataDir}/member-token`).mode & 0o777).toBe(0o600)

    // The relaunched, packaged app starts its core from the stored sign-in: the token goes in the core's environment.
    const config = readLaunchConfig(['/opt/Hallway/hallway', joinLink(server.url, code)], {}, { packaged: true, stored })
    expect(config).toEqual({ ok: true, serverUrl: server.url, token: stored!.token })
    const relaunched = await startMain(config)
    expect(relaunched.forked[0]!.options.env.HALLWAY_TOKEN).toBe(stored!.token)
  })

  it('shows why on the invitation page and stores nothing for an expired or unknown invite, a bad name or an unreachable server', async () => {
    const expired = await teamWithInvite(-1)
    const main = await freshInstall()
    const dataDir = coreDataDir(main.electron.app)
    const attempt = async (link: string, name: string, problem: RegExp) => {
      main.openUrl(link)
      await vi.waitFor(() => expect(main.page()).not.toMatch(/role="alert"/))
      main.submitName(name)
      await vi.waitFor(() => expect(main.page()).toMatch(problem))
      expect(main.page()).toContain(`action="${SIGN_IN_FORM_ACTION}"`)
    }
    await attempt(joinLink(expired.server.url, expired.code), 'Ada', /This invitation has expired/)
    await attempt(joinLink(expired.server.url, 'x'.repeat(32)), 'Ada', /not known to the server/)
    await attempt(joinLink(expired.server.url, expired.code), 'A'.repeat(81), /Choose a name of 1 to 80 characters/)
    const nowhere = await refusedUrl()
    await attempt(joinLink(nowhere, expired.code), 'Ada', /could not reach/)
    expect(readSignIn(dataDir)).toBeNull()
    expect(main.lifecycle.relaunches).toBe(0)
    expect(main.lifecycle.exited).toBe(false)
  })

  it('takes a name only from the invitation form on the setup window, and ignores invite links once signed in', async () => {
    const { server, code } = await teamWithInvite()
    const main = await freshInstall()
    main.openUrl(joinLink(server.url, code))
    await vi.waitFor(() => expect(main.page()).toContain(`action="${SIGN_IN_FORM_ACTION}"`))
    main.window.webContents.navigate('https://evil.example/setup/join?name=Mallory')
    main.window.webContents.navigate('app://hallway.evil/setup/join?name=Mallory')
    // The marker: a bad name is answered on the page, so anything sent before it was handled too.
    main.submitName('')
    await vi.waitFor(() => expect(main.page()).toMatch(/Choose a name/))
    expect(readSignIn(coreDataDir(main.electron.app))).toBeNull()

    const signedIn = await startMain()
    signedIn.openUrl(joinLink(server.url, code))
    await vi.waitFor(() => expect(signedIn.log).toHaveBeenCalledWith('main: ignored an invite link: Hallway is already signed in to a team'))
    expect(signedIn.window.loadedUrl).toBe('app://hallway/office/index.html')
  })
})
