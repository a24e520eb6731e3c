import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { _electron, expect, test, type ElectronApplication } from '@playwright/test'
import { DEFAULT_ROOMS } from '../../shared/model/starter-rooms'
import { freePort, hallwayCli, startServerProcess, type ServerProcess } from '../web/hallway-server'
import { installedElectronBinary } from './electron-binary'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const electronBinary = installedElectronBinary(repo)

const notRun = 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD): desktop suite not run'
if (!electronBinary) console.log(notRun)
test.skip(!electronBinary, notRun)
test.describe.configure({ mode: 'serial' })

let dir: string
let server: ServerProcess
let app: ElectronApplication

test.beforeAll(async () => {
  test.setTimeout(120_000)
  // Always test what this checkout builds, never a stale out/.
  await promisify(execFile)(process.execPath, [join(repo, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: repo })
  dir = await mkdtemp(join(tmpdir(), 'hallway-desktop-e2e-'))
  const data = join(dir, 'server')
  server = await startServerProcess(await freePort(), data)
  const team = await hallwayCli('team', 'create', '--data', data, '--name', 'Desktop Test Team')
  const token = await hallwayCli('token', '--data', data, '--team', team, '--user', 'ada', '--name', 'Ada Lovelace')

  const headlessLinux = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY
  app = await _electron.launch({
    executablePath: electronBinary!,
    args: [
      join(repo, 'out/main/index.js'),
      // Chromium will not start as root with its OS sandbox; pages stay sandbox: true regardless.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ...(headlessLinux ? ['--ozone-platform=headless'] : []),
    ],
    cwd: repo,
    // Fresh profile (userData lives under these on Linux and macOS), pointed at the test server.
    env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: join(dir, 'config'), HALLWAY_SERVER: server.url, HALLWAY_TOKEN: token },
  })
})

test.afterAll(async () => {
  await app?.close()
  await server?.kill()
  if (dir) await rm(dir, { recursive: true, force: true })
})

test('the office window shows every room of the team and the signed-in member', async () => {
  const office = await app.firstWindow()
  for (const room of DEFAULT_ROOMS) await expect(office.getByRole('region', { name: room.name })).toBeVisible()
  await expect(office.getByRole('region')).toHaveCount(DEFAULT_ROOMS.length)
  await expect(office.getByRole('img', { name: 'Ada Lovelace' }).first()).toBeVisible()
})

test('the office page is served from app:// with no Node and only the Hallway bridge', async () => {
  const office = await app.firstWindow()
  expect(new URL(office.url()).protocol).toBe('app:')
  const page = await office.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    bridge: Object.fromEntries(Object.entries((window as unknown as { hallway: object }).hallway).map(([key, value]) => [key, typeof value])),
  }))
  // Exactly what electron/preload/index.ts exposes, no more.
  expect(page).toEqual({
    require: 'undefined',
    process: 'undefined',
    bridge: { platform: 'string', requestCorePort: 'function', mediaConfig: 'function', updates: 'object' },
  })
})

test('walking into a room opens the call window, named after the room; closing it leaves the room', async () => {
  const office = await app.firstWindow()
  const room = office.getByRole('region', { name: DEFAULT_ROOMS[0]!.name })
  const opened = app.waitForEvent('window')
  await room.getByRole('button', { name: `Join ${DEFAULT_ROOMS[0]!.name}`, exact: true }).click()
  const callPage = await opened
  expect(new URL(callPage.url()).pathname).toMatch(/\/media\/host\//)
  const callWindow = await app.browserWindow(callPage)
  await expect.poll(() => callWindow.evaluate((window) => window.getTitle())).toBe(`Hallway call — ${DEFAULT_ROOMS[0]!.name}`)
  await expect.poll(() => callWindow.evaluate((window) => window.isVisible())).toBe(true)

  await callWindow.evaluate((window) => window.close())
  await expect(room.getByRole('button', { name: `Join ${DEFAULT_ROOMS[0]!.name}`, exact: true })).toBeVisible()
})
