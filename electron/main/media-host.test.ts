import { describe, expect, it, vi } from 'vitest'
import { IpcChannel } from '../../shared/contract/ipc-channels'
import { fakeFrame, type FakeBrowserWindow } from '../testing/fake-electron'
import { startMain, token } from '../testing/start-main'
import { summary } from '../testing/tray-summary'
import { primaryScreen } from './screen-share'

const MEDIA_URL = 'app://hallway/media/host/index.html'

async function start() {
  const fake = await startMain()
  const core = fake.forked[0]!
  const mediaHosts = () => fake.windows().filter((window) => window.loadedUrl === MEDIA_URL)
  const live = () => mediaHosts().filter((window) => !window.destroyed)
  const ask = (window: FakeBrowserWindow, frameUrl = MEDIA_URL) =>
    fake.invokeIpc(IpcChannel.mediaConfig, { sender: window.webContents, senderFrame: fakeFrame(frameUrl) })
  return { ...fake, core, mediaHosts, live, ask }
}

describe('the media host window (fake Electron)', () => {
  it('opens hardened and unthrottled when I walk into a room, and goes when I leave', async () => {
    const { core, live, mediaHosts } = await start()
    expect(mediaHosts()).toHaveLength(0)
    core.emit('message', { type: 'tray', summary: summary('kitchen') })
    core.emit('message', { type: 'tray', summary: summary('lounge') })
    expect(live()).toHaveLength(1)
    expect(live()[0]!.options.show).toBe(false)
    expect(live()[0]!.shownInactive).toBe(0)
    live()[0]!.emit('ready-to-show')
    expect(live()[0]!.shownInactive).toBe(1)
    expect(live()[0]!.options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      backgroundThrottling: false,
    })
    core.emit('message', { type: 'tray', summary: summary(null) })
    expect(live()).toHaveLength(0)
    core.emit('message', { type: 'tray', summary: summary('kitchen', 'desktop') })
    expect(live()).toHaveLength(0)
  })

  it('is the call window: titled with the room, and closing it leaves the room', async () => {
    const { core, live } = await start()
    core.emit('message', { type: 'tray', summary: summary('Kitchen') })
    const window = live()[0]!
    expect(window.title).toBe('Hallway call — Kitchen')
    const titleEvent = { preventDefault: vi.fn() }
    window.emit('page-title-updated', titleEvent)
    expect(titleEvent.preventDefault).toHaveBeenCalled()
    core.emit('message', { type: 'tray', summary: summary('Lounge') })
    expect(window.title).toBe('Hallway call — Lounge')
    const leaves = () => core.received.filter(({ message }) => JSON.stringify(message) === JSON.stringify({ type: 'command', command: { type: 'leaveRoom' } }))

    core.emit('message', { type: 'tray', summary: summary(null) })
    expect(window.destroyed).toBe(true)
    expect(leaves()).toHaveLength(0)

    core.emit('message', { type: 'tray', summary: summary('Kitchen') })
    live()[0]!.closeByPerson()
    expect(leaves()).toHaveLength(1)
  })

  it('comes back after its renderer crashes, with a backoff that doubles per crash and resets once it has run a while', async () => {
    vi.useFakeTimers()
    try {
      const { core, live, mediaHosts } = await start()
      const crash = () => live()[0]!.webContents.emit('render-process-gone', {}, { reason: 'crashed' })
      core.emit('message', { type: 'tray', summary: summary('kitchen') })
      const first = live()[0]!
      crash()
      expect(first.destroyed).toBe(true)
      // A summary arriving during the backoff does not bring the window back early.
      core.emit('message', { type: 'tray', summary: summary('kitchen') })
      await vi.advanceTimersByTimeAsync(499)
      expect(live()).toHaveLength(0)
      await vi.advanceTimersByTimeAsync(1)
      expect(live()).toHaveLength(1)
      expect(live()[0]).not.toBe(first)

      crash()
      await vi.advanceTimersByTimeAsync(999)
      expect(live()).toHaveLength(0)
      await vi.advanceTimersByTimeAsync(1)
      expect(live()).toHaveLength(1)

      await vi.advanceTimersByTimeAsync(60_000)
      crash()
      await vi.advanceTimersByTimeAsync(500)
      expect(live()).toHaveLength(1)
      expect(mediaHosts()).toHaveLength(4)
    } finally {
      vi.useRealTimers()
    }
  })

  it('stops reopening a crashed call window once the call has ended', async () => {
    vi.useFakeTimers()
    try {
      const { core, live, mediaHosts } = await start()
      core.emit('message', { type: 'tray', summary: summary('kitchen') })
      live()[0]!.webContents.emit('render-process-gone', {}, { reason: 'crashed' })
      core.emit('message', { type: 'tray', summary: summary(null) })
      await vi.advanceTimersByTimeAsync(60_000)
      expect(live()).toHaveLength(0)

      // Walking into a room again opens the window at once, not after the ended call's backoff, and only once.
      core.emit('message', { type: 'tray', summary: summary('lounge') })
      expect(live()).toHaveLength(1)
      live()[0]!.webContents.emit('render-process-gone', {}, { reason: 'crashed' })
      core.emit('message', { type: 'tray', summary: summary(null) })
      core.emit('message', { type: 'tray', summary: summary('lounge') })
      expect(live()).toHaveLength(1)
      await vi.advanceTimersByTimeAsync(60_000)
      expect(live()).toHaveLength(1)

      live()[0]!.webContents.emit('render-process-gone', {}, { reason: 'crashed' })
      core.emit('message', { type: 'tray', summary: summary('lounge', 'laptop') })
      await vi.advanceTimersByTimeAsync(60_000)
      expect(live()).toHaveLength(0)
      expect(mediaHosts()).toHaveLength(3)
    } finally {
      vi.useRealTimers()
    }
  })

  it('grants media to the media host only, and only while it exists', async () => {
    const { core, live, permissions, windows } = await start()
    const office = windows()[0]!.webContents
    core.emit('message', { type: 'tray', summary: summary('kitchen') })
    const host = live()[0]!.webContents
    expect(permissions.request?.('media', host)).toBe(true)
    expect(permissions.check?.('media', host)).toBe(true)
    expect(permissions.request?.('notifications', host)).toBe(false)
    expect(permissions.request?.('display-capture', host)).toBe(true)
    expect(permissions.request?.('media', office)).toBe(false)
    expect(permissions.check?.('media', office)).toBe(false)
    expect(permissions.request?.('display-capture', office)).toBe(false)
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

  it('shares the primary screen with the media host during a call, and refuses everyone else', async () => {
    const { core, live, windows, screens, requestDisplayMedia, log } = await start()
    screens.sources = [
      { id: 'screen:0:0', name: 'Screen 1', display_id: '7' },
      { id: 'screen:1:0', name: 'Screen 2', display_id: '9' },
    ]
    screens.primaryDisplayId = 9
    const office = windows()[0]!.webContents
    await expect(requestDisplayMedia(office.mainFrame)).resolves.toBeNull()

    core.emit('message', { type: 'tray', summary: summary('kitchen') })
    const host = live()[0]!.webContents
    await expect(requestDisplayMedia(host.mainFrame)).resolves.toEqual({ video: screens.sources[1] })
    await expect(requestDisplayMedia(office.mainFrame)).resolves.toBeNull()
    await expect(requestDisplayMedia(fakeFrame('https://evil.example/', host.mainFrame))).resolves.toBeNull()
    await expect(requestDisplayMedia(null)).resolves.toBeNull()
    await expect(requestDisplayMedia(host.mainFrame, { videoRequested: false })).resolves.toBeNull()
    expect(log).toHaveBeenCalledWith('main: refused a screen share request from https://evil.example/')

    screens.failure = new Error('no screen-cast portal')
    await expect(requestDisplayMedia(host.mainFrame)).resolves.toBeNull()
    expect(log).toHaveBeenCalledWith(expect.stringContaining('no screen-cast portal'))
    screens.failure = null

    // The call ends while the screens are being listed: nothing is granted after it.
    const pending = requestDisplayMedia(host.mainFrame)
    core.emit('message', { type: 'tray', summary: summary(null) })
    await expect(pending).resolves.toBeNull()
    await expect(requestDisplayMedia(host.mainFrame)).resolves.toBeNull()
  })

  it('picks the primary display’s screen, or the first where the platform names no display', () => {
    const screens = [
      { id: 'a', name: 'Screen 1', display_id: '' },
      { id: 'b', name: 'Screen 2', display_id: '' },
    ]
    expect(primaryScreen(screens, 4)).toBe(screens[0])
    expect(primaryScreen([{ ...screens[0]!, display_id: '3' }, { ...screens[1]!, display_id: '4' }], 4)?.id).toBe('b')
    expect(primaryScreen([], 4)).toBeNull()
  })
})
