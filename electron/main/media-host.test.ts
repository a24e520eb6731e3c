import { describe, expect, it, vi } from 'vitest'
import { IpcChannel } from '../ipc-channels'
import { fakeElectron, fakeFrame, type FakeBrowserWindow } from './fake-electron'
import { startMainProcess } from './main-process'

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const token = `${encode({ alg: 'HS256' })}.${encode({ sub: 'u1', team: 'T1', role: 'member', name: 'Ada', exp: 4_000_000_000 })}.sig`
const MEDIA_URL = 'app://hallway/media/host/index.html'
const summary = (room: string | null, callElsewhere: string | null = null) => ({
  connection: 'online',
  me: { room, roomName: room, mic: true, dnd: false, callElsewhere },
  rooms: [],
  knocks: 0,
})

async function start() {
  const fake = fakeElectron()
  const log = vi.fn()
  startMainProcess(fake.electron, {
    config: { ok: true, serverUrl: 'http://127.0.0.1:8787', token },
    buildDir: '/app/out/main',
    devRendererUrl: undefined,
    env: {},
    resourcesDir: '/app/resources',
    log,
  })
  await Promise.resolve()
  await Promise.resolve()
  const core = fake.forked[0]!
  const mediaHosts = () => fake.windows().filter((window) => window.loadedUrl === MEDIA_URL)
  const live = () => mediaHosts().filter((window) => !window.destroyed)
  const ask = (window: FakeBrowserWindow, frameUrl = MEDIA_URL) =>
    fake.invokeIpc(IpcChannel.mediaConfig, { sender: window.webContents, senderFrame: fakeFrame(frameUrl) })
  return { ...fake, core, log, mediaHosts, live, ask }
}

describe('the media host window (fake Electron)', () => {
  it('opens hardened and unthrottled when I walk into a room, and goes when I leave', async () => {
    const { core, live, mediaHosts } = await start()
    expect(mediaHosts()).toHaveLength(0)
    core.emit('message', { type: 'tray', summary: summary('kitchen') })
    core.emit('message', { type: 'tray', summary: summary('lounge') })
    expect(live()).toHaveLength(1)
    expect(live()[0]!.options.show).toBe(false)
    expect(live()[0]!.options.webPreferences).toEqual(
      expect.objectContaining({ sandbox: true, contextIsolation: true, nodeIntegration: false, backgroundThrottling: false, preload: '/app/out/preload/index.cjs' }),
    )
    core.emit('message', { type: 'tray', summary: summary(null) })
    expect(live()).toHaveLength(0)
    core.emit('message', { type: 'tray', summary: summary('kitchen', 'desktop') })
    expect(live()).toHaveLength(0)
  })

  it('comes back after its renderer crashes, only while the call is wanted', async () => {
    const { core, live, mediaHosts } = await start()
    core.emit('message', { type: 'tray', summary: summary('kitchen') })
    const first = live()[0]!
    first.webContents.emit('render-process-gone', {}, { reason: 'crashed' })
    expect(first.destroyed).toBe(true)
    expect(live()).toHaveLength(1)
    expect(live()[0]).not.toBe(first)

    core.emit('message', { type: 'tray', summary: summary(null) })
    expect(live()).toHaveLength(0)
    expect(mediaHosts()).toHaveLength(2)
  })

  it('grants media to the media host only, and only while it exists', async () => {
    const { core, live, permissions, windows } = await start()
    const office = windows()[0]!.webContents
    core.emit('message', { type: 'tray', summary: summary('kitchen') })
    const host = live()[0]!.webContents
    expect(permissions.request?.('media', host)).toBe(true)
    expect(permissions.check?.('media', host)).toBe(true)
    expect(permissions.request?.('notifications', host)).toBe(false)
    expect(permissions.request?.('media', office)).toBe(false)
    expect(permissions.check?.('media', office)).toBe(false)
    core.emit('message', { type: 'tray', summary: summary(null) })
    expect(permissions.request?.('media', host)).toBe(false)
  })

  it('tells the media host, and no one else, the server, member token and team', async () => {
    const { core, live, ask, windows, log, invokeIpc } = await start()
    core.emit('message', { type: 'tray', summary: summary('kitchen') })
    const host = live()[0]!
    await expect(ask(host)).resolves.toEqual({ serverUrl: 'http://127.0.0.1:8787', token, teamId: 'T1' })
    await expect(ask(windows()[0]!)).rejects.toThrow(/Only the media host/)
    await expect(ask(host, 'https://evil.example/')).rejects.toThrow(/Only the media host/)
    await expect(invokeIpc(IpcChannel.mediaConfig, { sender: host.webContents, senderFrame: fakeFrame(MEDIA_URL) }, 'extra')).rejects.toThrow(/Only the media host/)
    expect(log).toHaveBeenCalledWith(expect.stringContaining('refused hallway:media-config'))
  })
})
