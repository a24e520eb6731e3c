// The built desktop app driven through Playwright's Electron support, against a real server.
// Runs where the Electron binary is installed; here (ELECTRON_SKIP_BINARY_DOWNLOAD) it reports "not run: no Electron binary".
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test'
import { IpcChannel } from '../../shared/contract/ipc-channels'
import { DEFAULT_ROOMS } from '../../shared/model/starter-rooms'
import { drawPhoto } from '../web/draw-photo'
import { freePort, hallwayCli, startServerProcess, type ServerProcess } from '../web/hallway-server'
import { installedElectronBinary } from './electron-binary'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const electronBinary = installedElectronBinary(repo)

const notRun = 'not run: no Electron binary (ELECTRON_SKIP_BINARY_DOWNLOAD); the desktop suite runs where it is installed'
if (!electronBinary) console.log(notRun)
test.skip(!electronBinary, notRun)
test.describe.configure({ mode: 'serial' })

const FIRST_ROOM = DEFAULT_ROOMS[0]!.name
let dir: string
let serverData: string
let teamId: string
let server: ServerProcess
let app: ElectronApplication

/** Launches out/main with a profile of its own under `home`; `env` says where to connect (or nothing: unconfigured). */
function launch(home: string, env: Record<string, string>, extraArgs: string[] = []): Promise<ElectronApplication> {
  const headlessLinux = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY
  const { HALLWAY_SERVER: _server, HALLWAY_TOKEN: _token, ...inherited } = process.env
  return _electron.launch({
    executablePath: electronBinary!,
    args: [
      join(repo, 'out/main/index.js'),
      // Chromium will not start as root with its OS sandbox; pages stay sandbox: true regardless.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ...(headlessLinux ? ['--ozone-platform=headless'] : []),
      ...extraArgs,
    ],
    cwd: repo,
    // Fresh profile (userData lives under these on Linux and macOS).
    env: { ...inherited, HOME: home, XDG_CONFIG_HOME: join(home, 'config'), ...env },
  })
}

/**
 * The tray cannot be read from outside, so the test wraps Menu.buildFromTemplate in main and keeps
 * each menu template main builds (labels, and the items themselves to click).
 */
async function recordTrayMenus(electronApp: ElectronApplication): Promise<void> {
  await electronApp.evaluate(({ Menu }) => {
    const built: Electron.MenuItemConstructorOptions[][] = []
    Object.assign(globalThis, { hallwayTrayMenus: built })
    const original = Menu.buildFromTemplate.bind(Menu)
    Menu.buildFromTemplate = (template) => {
      built.push(template as Electron.MenuItemConstructorOptions[])
      return original(template)
    }
  })
}

const trayLabels = () =>
  app.evaluate(() => {
    const menus = (globalThis as unknown as { hallwayTrayMenus: Electron.MenuItemConstructorOptions[][] }).hallwayTrayMenus
    return (menus.at(-1) ?? []).map((item) => item.label ?? item.type ?? '')
  })

const clickTray = (label: string) =>
  app.evaluate((_electron, wanted) => {
    const menus = (globalThis as unknown as { hallwayTrayMenus: Electron.MenuItemConstructorOptions[][] }).hallwayTrayMenus
    const item = menus.at(-1)?.find((candidate) => candidate.label === wanted)
    if (!item?.click) throw new Error(`no tray item ${wanted}`)
    ;(item.click as () => void)()
  }, label)

const officeWindow = async (): Promise<Page> => {
  const page = app.windows().find((candidate) => new URL(candidate.url()).pathname.startsWith('/office/'))
  return page ?? app.waitForEvent('window', (candidate) => new URL(candidate.url()).pathname.startsWith('/office/'))
}

test.beforeAll(async () => {
  test.setTimeout(120_000)
  // Always test what this checkout builds, never a stale out/.
  await promisify(execFile)(process.execPath, [join(repo, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: repo })
  dir = await mkdtemp(join(tmpdir(), 'hallway-desktop-e2e-'))
  serverData = join(dir, 'server')
  server = await startServerProcess(await freePort(), serverData)
  teamId = await hallwayCli('team', 'create', '--data', serverData, '--name', 'Desktop Test Team')
  const token = await hallwayCli('token', '--data', serverData, '--team', teamId, '--user', 'ada', '--name', 'Ada Lovelace')
  app = await launch(join(dir, 'ada'), { HALLWAY_SERVER: server.url, HALLWAY_TOKEN: token })
  await recordTrayMenus(app)
})

test.afterAll(async () => {
  await app?.close()
  await server?.kill()
  if (dir) await rm(dir, { recursive: true, force: true })
})

test('starts: the office window shows every room of the team and the signed-in member', async () => {
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
    bridge: {
      platform: 'string',
      requestCorePort: 'function',
      mediaConfig: 'function',
      startAtLogin: 'object',
      muteShortcut: 'object',
      updates: 'object',
      setNotificationChoices: 'function',
      uploadAvatarPhoto: 'function',
      officeOwner: 'function',
    },
  })
})

test('Settings moves the global mute shortcut to the next combination pressed; main holds it and keeps it for the next start', async () => {
  const office = await officeWindow()
  await office.getByRole('button', { name: 'Settings' }).click()
  const settings = office.getByRole('dialog', { name: 'Settings' })
  const shortcut = settings.getByRole('button', { name: /^Mute or unmute from any app/ })
  await expect(shortcut).toHaveAccessibleName(/Ctrl\+Shift\+M|⌘⇧M/)
  await shortcut.click()
  await office.keyboard.press('Control+Alt+K')
  await expect(shortcut).toHaveAccessibleName(/Ctrl\+Alt\+K|⌃⌥K/)
  expect(await app.evaluate(({ globalShortcut }) => [globalShortcut.isRegistered('Control+Alt+K') || globalShortcut.isRegistered('CommandOrControl+Alt+K'), globalShortcut.isRegistered('CommandOrControl+Shift+M')])).toEqual([true, false])
  const userData = await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'))
  expect(await readFile(join(userData, 'mute-shortcut'), 'utf8')).toMatch(/^(CommandOrControl|Control)\+Alt\+K$/)
  await settings.getByRole('button', { name: /^Use / }).click()
  await expect(shortcut).toHaveAccessibleName(/Ctrl\+Shift\+M|⌘⇧M/)
  await office.keyboard.press('Escape')
})

test('uploads a photo in Edit profile through main: the office shows it from app://hallway/avatars/<sha256>, and the server has it', async () => {
  const office = await officeWindow()
  await office.getByRole('button', { name: 'Edit profile' }).click()
  const profile = office.getByRole('dialog', { name: 'Edit profile' })
  await profile.getByLabel('Upload a photo').setInputFiles({ name: 'ada.png', mimeType: 'image/png', buffer: await drawPhoto(office) })
  await expect(profile.getByRole('radio', { name: 'Your photo' })).toBeChecked()
  await profile.getByRole('button', { name: 'Save' }).click()
  await expect(profile).toHaveCount(0)

  const ada = office.getByRole('img', { name: 'Ada Lovelace', exact: true }).first()
  await expect(ada).toHaveAttribute('src', /^\/avatars\/[0-9a-f]{64}$/)
  // Loaded at the atlas cell's size: main relayed the stored WebP, not a broken link.
  await expect.poll(() => ada.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBe(64)
  const sha256 = (await ada.getAttribute('src'))!.split('/').at(-1)
  expect((await fetch(`${server.url}/api/avatars/${sha256}`)).status).toBe(200)
})

test('the tray lists the rooms and walks in; joining opens the call window named after the room; closing it leaves', async () => {
  await expect.poll(trayLabels).toContain('Online')
  expect(await trayLabels()).toEqual(expect.arrayContaining(DEFAULT_ROOMS.map((room) => expect.stringContaining(room.name))))

  const office = await officeWindow()
  const room = office.getByRole('region', { name: FIRST_ROOM })
  const opened = app.waitForEvent('window')
  await room.getByRole('button', { name: `Join ${FIRST_ROOM}`, exact: true }).click()
  const callPage = await opened
  expect(new URL(callPage.url()).pathname).toMatch(/\/media\/host\//)
  const callWindow = await app.browserWindow(callPage)
  await expect.poll(() => callWindow.evaluate((window) => window.getTitle())).toBe(`Hallway call — ${FIRST_ROOM}`)
  await expect.poll(() => callWindow.evaluate((window) => window.isVisible())).toBe(true)
  await expect.poll(trayLabels).toContain(`In ${FIRST_ROOM}`)

  await callWindow.evaluate((window) => window.close())
  await expect(room.getByRole('button', { name: `Join ${FIRST_ROOM}`, exact: true })).toBeVisible()
  await expect.poll(trayLabels).not.toContain(`In ${FIRST_ROOM}`)
})

test('a crashed call window comes back while the call goes on', async () => {
  const office = await officeWindow()
  const opened = app.waitForEvent('window')
  await office.getByRole('region', { name: FIRST_ROOM }).getByRole('button', { name: `Join ${FIRST_ROOM}`, exact: true }).click()
  await opened
  const reopened = app.waitForEvent('window', (page) => new URL(page.url()).pathname.startsWith('/media/host/'))
  await app.evaluate(({ BrowserWindow }) => {
    const call = BrowserWindow.getAllWindows().find((window) => window.webContents.getURL().includes('/media/host/'))
    call?.webContents.forcefullyCrashRenderer()
  })
  const callPage = await reopened
  expect(new URL(callPage.url()).pathname).toMatch(/\/media\/host\//)
  await clickTray('Leave room')
  await expect(office.getByRole('region', { name: FIRST_ROOM }).getByRole('button', { name: `Join ${FIRST_ROOM}`, exact: true })).toBeVisible()
})

test('a killed core is restarted and the office comes back to life', async () => {
  const corePid = await app.evaluate(({ app: electronApp }) => electronApp.getAppMetrics().find((metric) => metric.serviceName === 'Hallway core' || metric.name === 'Hallway core')?.pid)
  expect(corePid).toBeDefined()
  process.kill(corePid!, 'SIGKILL')
  await expect
    .poll(() => app.evaluate(({ app: electronApp }) => electronApp.getAppMetrics().find((metric) => metric.serviceName === 'Hallway core' || metric.name === 'Hallway core')?.pid))
    .not.toBe(corePid)
  const office = await officeWindow()
  const room = office.getByRole('region', { name: FIRST_ROOM })
  // The fresh core's snapshot arrives over a fresh port, and commands work again.
  await room.getByRole('button', { name: `Join ${FIRST_ROOM}`, exact: true }).click()
  await expect.poll(trayLabels).toContain(`In ${FIRST_ROOM}`)
  await clickTray('Leave room')
  await expect.poll(trayLabels).not.toContain(`In ${FIRST_ROOM}`)
})

test('closing the office keeps Hallway in the tray; Open Hallway brings the window back', async () => {
  const office = await officeWindow()
  const closed = office.waitForEvent('close')
  await (await app.browserWindow(office)).evaluate((window) => window.close())
  await closed
  // Still running: the tray still answers and the core still reports.
  await expect.poll(trayLabels).toContain('Online')
  const reopened = app.waitForEvent('window')
  await clickTray('Open Hallway')
  const page = await reopened
  await expect(page.getByRole('region', { name: FIRST_ROOM })).toBeVisible()
})

test('the update prompt: a downloaded update offers Restart now in the office, and the button reaches main', async () => {
  const office = await officeWindow()
  // An unpackaged app never downloads (electron-updater skips it), so main's side is played: the status it sends once an update is ready.
  await app.evaluate(({ BrowserWindow, ipcMain }, channels) => {
    const asked: number[] = []
    Object.assign(globalThis, { hallwayRestartAsked: asked })
    ipcMain.on(channels.restart, () => asked.push(Date.now()))
    const ready = { channel: 'stable', state: { kind: 'ready', version: '99.0.0', restartWhenCallEnds: false } }
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(channels.status, ready)
  }, { status: IpcChannel.updateStatus, restart: IpcChannel.restartToUpdate })
  await office.getByRole('button', { name: 'Restart now' }).click()
  await expect.poll(() => app.evaluate(() => (globalThis as unknown as { hallwayRestartAsked: number[] }).hallwayRestartAsked.length)).toBe(1)
})

test('signs in from a hallway://join link: choose a name, and the next start opens the office as that member', async () => {
  const code = await hallwayCli('invite', '--data', serverData, '--team', teamId)
  const home = join(dir, 'grace')
  const link = `hallway://join?server=${encodeURIComponent(server.url)}&invite=${code}`
  const signingIn = await launch(home, {}, [link])
  try {
    // Playwright cannot follow a relaunched process: this test starts the next launch itself.
    await signingIn.evaluate(({ app: electronApp }) => Object.assign(electronApp, { relaunch: () => {} }))
    const userData = await signingIn.evaluate(({ app: electronApp }) => electronApp.getPath('userData'))
    const setup = await signingIn.firstWindow()
    await expect(setup.getByRole('heading', { name: 'Join your team on Hallway' })).toBeVisible()
    const exited = new Promise((resolve) => signingIn.process().once('exit', resolve))
    await setup.getByLabel('Your name, as your team will see it').fill('Grace Hopper')
    await setup.getByRole('button', { name: 'Join' }).click()
    await exited
    expect(await readFile(join(userData, 'core', 'server-url'), 'utf8')).toBe(server.url)
  } finally {
    await signingIn.close().catch(() => undefined)
  }

  const signedIn = await launch(home, {})
  try {
    const office = await signedIn.firstWindow()
    await expect(office.getByRole('img', { name: 'Grace Hopper' }).first()).toBeVisible()
    // The token went to a file, never onto the command line.
    const argv = await signedIn.evaluate(() => process.argv.join(' '))
    expect(argv).not.toContain('--token')
  } finally {
    await signedIn.close()
  }
})
