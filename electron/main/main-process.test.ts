import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { IpcChannel } from '../../shared/contract/ipc-channels'
import { fakeFrame, FakeWebContents, type FakeMenu } from '../testing/fake-electron'
import { configured, OFFICE_URL, startMain, startMainBeforeReady, token } from '../testing/start-main'

describe('main process wiring (fake Electron)', () => {
  it('opens one hardened office window on app://, registered as a privileged scheme (with V8 code cache) before ready', async () => {
    const { window, registeredBeforeReady, privilegedSchemes, protocolHandlers } = await startMain()
    expect(registeredBeforeReady).toBe(true)
    expect(privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, codeCache: true }) }])
    expect(protocolHandlers.has('app')).toBe(true)
    expect(window.options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    })
    expect(window.loadedUrl).toBe(OFFICE_URL)
  })

  it('does nothing that needs ready before Electron is ready, and a link that arrived meanwhile reaches the core after', async () => {
    const early = startMainBeforeReady()
    expect(early.privilegedSchemes).toHaveLength(1)
    expect(early.openUrl('hallway://room/T1/early')).toBe(true)
    expect([early.windows(), early.trays, early.forked]).toEqual([[], [], []])

    await early.becomeReady()
    await vi.waitFor(() => expect(early.forked[0]?.received.map((r) => r.message)).toEqual([{ type: 'command', command: { type: 'enterRoom', roomId: 'early' } }]))
    expect(early.windows()).toHaveLength(1)
    expect(early.trays).toHaveLength(1)
  })

  it('builds a tray menu Electron accepts (the fake checks templates as Menu.buildFromTemplate does)', async () => {
    const { electron, trays, forked } = await startMain()
    expect(() => electron.Menu.buildFromTemplate([{ enabled: false }])).toThrow('must have at least one of label, role or type')
    const summary = {
      connection: 'online',
      me: { room: 'lobby', roomName: 'Lobby', mic: false, dnd: false, callElsewhere: 'den' },
      rooms: [
        { id: 'lobby', name: 'Lobby', door: 'open', occupants: ['Ada'] },
        { id: 'den', name: 'Den', door: 'locked', occupants: [] },
      ],
      knocks: [{ userId: 'bob', name: 'Bob', roomName: 'Lobby', at: 1 }],
      invitations: [],
      mentions: [],
    }
    forked[0]!.emit('message', { type: 'tray', summary })
    const menu = trays[0]!.menu as FakeMenu
    expect(menu.items.map((item) => item.label ?? item.type)).toEqual([
      'Online', 'In a call on your other device — move it here', 'In Lobby', 'Unmute', 'Leave room', '1 knocking — open Hallway to answer',
      'separator', '● Lobby — Ada', 'Den (locked)', 'separator', 'Open Hallway', 'Quit Hallway',
    ])
    expect(() => menu.click('Den')).toThrow('cannot be chosen')
  })

  it('starts the core with the server, token and data folder, and shows a setup page without them', async () => {
    const { forked } = await startMain()
    expect(forked).toHaveLength(1)
    expect(forked[0]!.modulePath).toBe('/app/out/main/core.js')
    expect(forked[0]!.options.env).toEqual({ PATH: '/bin', HALLWAY_SERVER: configured.serverUrl, HALLWAY_TOKEN: token, HALLWAY_DATA: '/fake/user-data/core' })

    const unconfigured = await startMain({ ok: false, problem: 'No server <here>' })
    expect(unconfigured.forked).toHaveLength(0)
    const page = decodeURIComponent(unconfigured.window.loadedUrl!.replace('data:text/html;charset=utf-8,', ''))
    expect(page).toContain('No server &lt;here&gt;')
    expect(page).not.toContain('<script')
  })

  it('quits when the setup page of an unconfigured app is closed, since no tray is left to reopen it from', async () => {
    const unconfigured = await startMain({ ok: false, problem: 'No server' })
    expect(unconfigured.trays).toHaveLength(0)
    expect(unconfigured.quits).toEqual([])
    expect(decodeURIComponent(unconfigured.window.loadedUrl!)).toContain('Closing this window quits Hallway.')
    unconfigured.window.closeByPerson()
    expect(unconfigured.quits).toHaveLength(1)

    const configured = await startMain()
    configured.window.closeByPerson()
    expect(configured.quits).toEqual([])
  })

  it('keeps the core running when the window closes, and reopens the window on a second launch', async () => {
    const { window, forked, quits, emitApp, secondInstance, windows } = await startMain()
    window.emit('closed')
    emitApp('window-all-closed')
    expect(forked[0]!.killed).toBe(false)
    expect(quits).toEqual([])

    secondInstance(['/opt/Hallway/hallway'])
    await Promise.resolve()
    await Promise.resolve()
    expect(windows()).toHaveLength(2)
    expect(windows()[1]!.loadedUrl).toBe(OFFICE_URL)
    expect(forked).toHaveLength(1)
  })

  it('denies navigation and window.open, sending only allowed external links to the system browser', async () => {
    const { window, opened } = await startMain()
    const contents = window.webContents
    expect(contents.navigate('https://evil.example/phish')).toBe(false)
    expect(contents.navigate('app://hallway/elsewhere.html')).toBe(false)
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/docs' })).toEqual({ action: 'deny' })
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(contents.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' })
    expect(contents.windowOpenHandler?.({ url: 'https://user:pw@example.com/' })).toEqual({ action: 'deny' })
    expect(contents.windowOpenHandler?.({ url: 'mailto:ada@example.com' })).toEqual({ action: 'deny' })
    await Promise.resolve()
    expect(opened).toEqual(['https://evil.example/phish', 'https://example.com/docs', 'mailto:ada@example.com'])
  })

  it('denies every permission request and check', async () => {
    const { permissions } = await startMain()
    expect(permissions.request?.('media')).toBe(false)
    expect(permissions.request?.('notifications')).toBe(false)
    expect(permissions.check?.('media')).toBe(false)
  })

  it('hands a port pair to the core and to its own app:// window on requestCorePort', async () => {
    const { window, forked, sendIpc } = await startMain()
    sendIpc(IpcChannel.requestCorePort, { sender: window.webContents, senderFrame: fakeFrame(OFFICE_URL) })
    const [toCore] = forked[0]!.received
    const [toView] = window.webContents.received
    expect(toCore?.message).toEqual({ type: 'view-port' })
    expect(toView).toEqual({ channel: IpcChannel.corePort, message: null, transfer: [expect.anything()] })
    expect(toCore?.transfer).toHaveLength(1)
    expect(toView!.transfer[0]).not.toBe(toCore!.transfer[0])
  })

  it('ignores requestCorePort from foreign senders and with unexpected arguments', async () => {
    const { window, forked, sendIpc, log } = await startMain()
    const stranger = new FakeWebContents()
    sendIpc(IpcChannel.requestCorePort, { sender: stranger, senderFrame: fakeFrame('https://evil.example/') })
    sendIpc(IpcChannel.requestCorePort, { sender: stranger, senderFrame: fakeFrame('file:///tmp/x.html') })
    sendIpc(IpcChannel.requestCorePort, { sender: window.webContents, senderFrame: fakeFrame(OFFICE_URL, fakeFrame('https://evil.example/')) })
    sendIpc(IpcChannel.requestCorePort, { sender: window.webContents, senderFrame: fakeFrame('app://hallway.evil/office/index.html') })
    sendIpc(IpcChannel.requestCorePort, { sender: window.webContents, senderFrame: null })
    sendIpc(IpcChannel.requestCorePort, { sender: window.webContents, senderFrame: fakeFrame(OFFICE_URL) }, { extra: true })
    expect(forked[0]!.received).toEqual([])
    expect(stranger.received).toEqual([])
    expect(window.webContents.received).toEqual([])
    expect(log).toHaveBeenCalledTimes(6)
  })
})

describe('core supervision (fake Electron)', () => {
  beforeEach(() => void vi.useFakeTimers())
  afterEach(() => void vi.useRealTimers())

  it('restarts the core after child-process-gone with growing backoff, and reconnects views', async () => {
    const { forked, childGone, window, sendIpc } = await startMain()
    sendIpc(IpcChannel.requestCorePort, { sender: window.webContents, senderFrame: fakeFrame(OFFICE_URL) })

    childGone({ type: 'Utility', reason: 'crashed', name: 'Hallway core' })
    childGone({ type: 'Utility', reason: 'crashed', name: 'Hallway core' })
    await vi.advanceTimersByTimeAsync(499)
    expect(forked).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(forked).toHaveLength(2)
    expect(forked[1]!.received).toHaveLength(1)
    expect(window.webContents.received).toHaveLength(2)

    childGone({ type: 'Utility', reason: 'oom', name: 'Hallway core' })
    await vi.advanceTimersByTimeAsync(999)
    expect(forked).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(1)
    expect(forked).toHaveLength(3)

    // A core that stayed up a while is restarted quickly again.
    await vi.advanceTimersByTimeAsync(60_000)
    childGone({ type: 'Utility', reason: 'killed', name: 'Hallway core' })
    await vi.advanceTimersByTimeAsync(500)
    expect(forked).toHaveLength(4)
  })

  it('restarts a core that exited on its own, even cleanly, with the same backoff, and counts a death reported twice once', async () => {
    const { electron, forked, childGone, log } = await startMain()
    forked[0]!.emit('exit', 0)
    await vi.advanceTimersByTimeAsync(499)
    expect(forked).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(forked).toHaveLength(2)
    expect(log).toHaveBeenCalledWith('main: core process gone (exited on its own); restarting in 500 ms')

    // Electron reports a crash both ways: gone with its reason, then the exit. One restart, one more crash in the row.
    childGone({ type: 'Utility', reason: 'crashed', name: 'Hallway core' })
    forked[1]!.emit('exit', 0)
    await vi.advanceTimersByTimeAsync(1000)
    expect(forked).toHaveLength(3)
    forked[2]!.emit('exit', 1)
    childGone({ type: 'Utility', reason: 'crashed', name: 'Hallway core' })
    await vi.advanceTimersByTimeAsync(1999)
    expect(forked).toHaveLength(3)
    await vi.advanceTimersByTimeAsync(1)
    expect(forked).toHaveLength(4)

    // An old core's late exit does not take down its replacement.
    forked[1]!.emit('exit', 0)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(forked).toHaveLength(4)

    // The exit main asked for on quit is not restarted.
    electron.app.quit()
    forked[3]!.emit('message', { type: 'ready-to-quit' })
    forked[3]!.emit('exit', 0)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(forked).toHaveLength(4)
    expect(forked[3]!.killed).toBe(true)
  })

  it('ignores other processes going away, and stops restarting once the app quits', async () => {
    const { electron, forked, childGone, lifecycle } = await startMain()
    childGone({ type: 'Utility', reason: 'crashed', name: 'Network Service' })
    childGone({ type: 'GPU', reason: 'crashed' })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(forked).toHaveLength(1)

    // Quitting while the core is down waits for nothing: no connection is left to leave from.
    childGone({ type: 'Utility', reason: 'crashed', name: 'Hallway core' })
    electron.app.quit()
    expect(lifecycle.exited).toBe(true)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(forked).toHaveLength(1)
  })

  it('shows the core\'s tray summary; the tray, mute shortcut and knock notification act through core commands', async () => {
    const { forked, trays, shortcuts, notifications, log } = await startMain()
    const core = forked[0]!
    const tray = trays[0]!
    expect(tray.iconPath).toBe('/app/resources/tray/tray.png')
    const summary = {
      connection: 'online',
      me: { room: 'lobby', roomName: 'Lobby', mic: true, dnd: false, callElsewhere: null },
      rooms: [
        { id: 'lobby', name: 'Lobby', door: 'open', occupants: ['Ada'] },
        { id: 'den', name: 'Den', door: 'closed', occupants: ['Bob'] },
      ],
      knocks: [],
      invitations: [],
      mentions: [],
    }
    core.emit('message', { type: 'tray', summary })
    const menu = tray.menu as FakeMenu
    expect(tray.tooltip).toBe('Hallway — in Lobby')
    menu.click('Mute')
    menu.click('Den (door closed)')
    shortcuts.get('CommandOrControl+Shift+M')!()
    expect(core.received.map((r) => r.message)).toContainEqual({ type: 'command', command: { type: 'setMic', on: false } })
    expect(core.received.map((r) => r.message)).toContainEqual({ type: 'command', command: { type: 'knock', roomId: 'den' } })
    expect(core.received.filter((r) => JSON.stringify(r.message).includes('setMic'))).toHaveLength(2)

    const knocks = [{ userId: 'bob', name: 'Bob', roomName: 'Lobby', at: 1 }]
    core.emit('message', { type: 'tray', summary: { ...summary, knocks } })
    expect(notifications.map((n) => [n.options.title, n.shown])).toEqual([['Bob is knocking', true]])
    core.emit('message', { type: 'tray', summary: { ...summary, knocks } })
    expect(notifications).toHaveLength(1)
    notifications[0]!.press(0)
    expect(core.received.map((r) => r.message)).toContainEqual({ type: 'command', command: { type: 'answerKnock', userId: 'bob', admit: true } })

    core.emit('message', { type: 'tray', summary: { ...summary, connection: 'sideways' } })
    expect(log).toHaveBeenCalledWith('main: ignored a message from the core that is not a tray summary or ready-to-quit')
  })
})
