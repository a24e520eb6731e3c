// A fake of the Electron slice main uses (ElectronApi), for main's unit tests. It records what
// main asks of Electron and lets a test play Electron's side: emit app events, send IPC, kill cores.
import type { TrayMenuItem } from '../main/tray-menu'
import type {
  BrowserWindowLike,
  DesktopCapturerSourceLike,
  DisplayMediaRequestLike,
  DisplayMediaStreamsLike,
  BrowserWindowOptionsLike,
  ElectronApi,
  IpcMainEventLike,
  MessagePortMainLike,
  NotificationOptionsLike,
  SessionLike,
  UtilityProcessLike,
  WebContentsLike,
  WebFrameLike,
} from '../main/electron-api'

type Listener = (...args: never[]) => unknown

class FakeEmitter {
  private readonly listeners = new Map<string, Listener[]>()
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  once(event: string, listener: Listener): this {
    const wrapped = ((...args: never[]) => {
      this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== wrapped))
      return listener(...args)
    }) as Listener
    return this.on(event, wrapped)
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args)
  }
}

export class FakePort implements MessagePortMainLike {
  static created = 0
  readonly id = ++FakePort.created
  posted: unknown[] = []
  postMessage(message: unknown): void {
    this.posted.push(message)
  }
  close(): void {}
}

export class FakeUtilityProcess extends FakeEmitter implements UtilityProcessLike {
  received: { message: unknown; transfer: MessagePortMainLike[] }[] = []
  killed = false
  constructor(
    readonly modulePath: string,
    readonly options: { serviceName: string; env: Record<string, string | undefined> },
  ) {
    super()
  }
  postMessage(message: unknown, transfer: MessagePortMainLike[] = []): void {
    this.received.push({ message, transfer })
  }
  kill(): boolean {
    this.killed = true
    return true
  }
}

let nextContentsId = 1
export class FakeWebContents extends FakeEmitter implements WebContentsLike {
  readonly id = nextContentsId++
  /** Its top frame, as Electron's webContents.fromFrame knows it. */
  readonly mainFrame: WebFrameLike = { url: 'about:blank', parent: null }
  destroyed = false
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' } | { action: 'allow' }) | null = null
  received: { channel: string; message: unknown; transfer: MessagePortMainLike[] }[] = []
  postMessage(channel: string, message: unknown, transfer: MessagePortMainLike[] = []): void {
    this.received.push({ channel, message, transfer })
  }
  setWindowOpenHandler(handler: FakeWebContents['windowOpenHandler']): void {
    this.windowOpenHandler = handler
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  destroy(): void {
    this.destroyed = true
    this.emit('destroyed')
  }
  /** Plays a navigation the page started; true when main let it happen. */
  navigate(url: string): boolean {
    let prevented = false
    this.emit('will-navigate', { url, preventDefault: () => (prevented = true) })
    return !prevented
  }
}

export class FakeBrowserWindow extends FakeEmitter implements BrowserWindowLike {
  readonly webContents = new FakeWebContents()
  loadedUrl: string | null = null
  focused = 0
  shownInactive = 0
  title: string
  destroyed = false
  constructor(readonly options: BrowserWindowOptionsLike) {
    super()
    this.title = options.title
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url
    this.webContents.mainFrame.url = url
  }
  show(): void {}
  showInactive(): void {
    this.shownInactive++
  }
  setTitle(title: string): void {
    this.title = title
  }
  /** The person clicks the window's close button: 'close', then it goes. */
  closeByPerson(): void {
    this.emit('close')
    this.destroy()
  }
  focus(): void {
    this.focused++
  }
  isMinimized(): boolean {
    return false
  }
  restore(): void {}
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.webContents.destroy()
    this.emit('closed')
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
}

export class FakeTray {
  menu: unknown = null
  tooltip = ''
  destroyed = false
  constructor(readonly iconPath: string) {}
  setContextMenu(menu: unknown): void {
    this.menu = menu
  }
  setToolTip(text: string): void {
    this.tooltip = text
  }
  destroy(): void {
    this.destroyed = true
  }
}

export class FakeNotification extends FakeEmitter {
  shown = false
  closed = false
  constructor(readonly options: NotificationOptionsLike) {
    super()
  }
  show(): void {
    this.shown = true
  }
  /** As Electron: closing emits 'close'. */
  close(): void {
    if (this.closed) return
    this.closed = true
    this.emit('close')
  }
  /** Plays the person pressing the button at `index` of the notification's actions. */
  press(index: number): void {
    this.emit('action', {}, index)
  }
}

const MENU_ITEM_TYPES = new Set(['normal', 'separator', 'submenu', 'checkbox', 'radio'])

/** What Menu.buildFromTemplate returns: the template, checked as Electron checks it (it throws on the same items). */
export class FakeMenu {
  readonly items: readonly TrayMenuItem[]
  constructor(template: readonly TrayMenuItem[]) {
    for (const item of template) {
      if (item.type !== undefined && !MENU_ITEM_TYPES.has(item.type)) throw new TypeError(`Unknown menu item type: ${String(item.type)}`)
      if (item.label === undefined && item.type === undefined) throw new TypeError('Invalid template for MenuItem: must have at least one of label, role or type')
      if (item.click !== undefined && typeof item.click !== 'function') throw new TypeError('Invalid template for MenuItem: click must be a function')
    }
    this.items = template
  }
  /** Plays the person choosing the enabled item whose label starts with `label`. */
  click(label: string): void {
    const item = this.items.find((candidate) => candidate.label?.startsWith(label))
    if (!item) throw new Error(`no menu item "${label}" in ${this.items.map((i) => i.label ?? '—').join(' | ')}`)
    if (item.enabled === false || !item.click) throw new Error(`menu item "${item.label}" cannot be chosen`)
    item.click()
  }
}

/**
 * The machine fake instances run on: which one holds the single-instance lock. A later instance
 * is refused it, and (as Electron does) the holder hears 'second-instance' with its argv.
 */
export interface FakeOs {
  lockHolder: FakeEmitter | null
}

export function fakeOs(): FakeOs {
  return { lockHolder: null }
}

export function fakeFrame(url: string, parent: WebFrameLike | null = null): WebFrameLike {
  return { url, parent }
}

export interface FakeElectronOptions {
  /** false: the app starts before 'ready', as Electron does; play it with becomeReady(). */
  ready?: boolean
  /** Shared by instances that compete for the single-instance lock. */
  os?: FakeOs
  /** This instance's command line (what a refused second instance hands the first). */
  argv?: string[]
}

export function fakeElectron(options: FakeElectronOptions = {}) {
  const app = new FakeEmitter()
  const os = options.os ?? fakeOs()
  const readiness = { ready: options.ready ?? true }
  let markReady!: () => void
  const whenReady = new Promise<void>((resolve) => (markReady = resolve))
  if (readiness.ready) markReady()
  /** Electron refuses windows, trays and notifications before ready. */
  const requireReady = (what: string) => {
    if (!readiness.ready) throw new Error(`Cannot create ${what} before app is ready`)
  }
  const ipc = new FakeEmitter()
  const forked: FakeUtilityProcess[] = []
  const quits: number[] = []
  /** Whether a quit went through: nobody prevented its before-quit or will-quit. */
  const lifecycle = { exited: false, relaunches: 0, appUserModelId: null as string | null }
  /** app.getPath's answers; a test that lets main write files points userData at a temporary folder. */
  const paths = { userData: '/fake/user-data' }
  /** The OS's login item for Hallway, as app.setLoginItemSettings leaves it. */
  const loginItem = { openAtLogin: false }
  /** Emits an app event that can be prevented, as Electron's quit events can; true when nobody did. */
  const emitPreventable = (event: string) => {
    let prevented = false
    app.emit(event, { preventDefault: () => (prevented = true) })
    return !prevented
  }
  /** Schemes main asked the OS to hand it. */
  const protocolClients: string[] = []
  const opened: string[] = []
  /** URLs main fetched with net.fetch, in order. */
  const fetched: string[] = []
  const protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>()
  const privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[] = []
  type PermissionProbe = ((permission: string, contents?: unknown) => boolean) | null
  const permissions: { request: PermissionProbe; check: PermissionProbe } = { request: null, check: null }
  let displayMediaHandler: ((request: DisplayMediaRequestLike, callback: (streams: DisplayMediaStreamsLike) => void) => void) | null = null
  /** What desktopCapturer lists, and the primary display's id; tests change them. */
  const screens = { sources: [] as DesktopCapturerSourceLike[], primaryDisplayId: 1, failure: null as Error | null }
  const ipcHandlers = new Map<string, (event: IpcMainEventLike, ...args: unknown[]) => unknown>()
  /** Every window this instance opened, in order (each fake instance is its own app). */
  const openedWindows: FakeBrowserWindow[] = []

  const session: SessionLike = {
    protocol: { handle: (scheme, handler) => void protocolHandlers.set(scheme, handler) },
    setPermissionRequestHandler(handler) {
      permissions.request = (permission, contents = null) => {
        let granted = true
        handler(contents, permission, (answer) => (granted = answer))
        return granted
      }
    },
    setPermissionCheckHandler(handler) {
      permissions.check = (permission, contents = null) => handler(contents, permission)
    },
    setDisplayMediaRequestHandler(handler) {
      displayMediaHandler = handler
    },
  }

  const trays: FakeTray[] = []
  const notifications: FakeNotification[] = []
  const shortcuts = new Map<string, () => void>()
  const powerMonitor = Object.assign(new FakeEmitter(), { idleSeconds: 0, getSystemIdleTime: () => powerMonitor.idleSeconds })

  const electron: ElectronApi = {
    app: Object.assign(app, {
      isPackaged: true,
      getPath: () => paths.userData,
      whenReady: () => whenReady,
      requestSingleInstanceLock: () => {
        const holder = os.lockHolder
        if (holder === null || holder === app) {
          os.lockHolder = app
          return true
        }
        queueMicrotask(() => holder.emit('second-instance', {}, options.argv ?? [], '/'))
        return false
      },
      setAsDefaultProtocolClient: (scheme: string) => (protocolClients.push(scheme), true),
      // As Electron: before-quit, (the windows close), will-quit, then the process ends unless one was prevented.
      relaunch: () => void lifecycle.relaunches++,
      setAppUserModelId: (id: string) => void (lifecycle.appUserModelId = id),
      getLoginItemSettings: () => ({ ...loginItem }),
      setLoginItemSettings: (settings: { openAtLogin: boolean }) => void (loginItem.openAtLogin = settings.openAtLogin),
      quit: () => {
        quits.push(Date.now())
        if (emitPreventable('before-quit') && emitPreventable('will-quit')) lifecycle.exited = true
      },
    }),
    BrowserWindow: class extends FakeBrowserWindow {
      constructor(windowOptions: BrowserWindowOptionsLike) {
        requireReady('BrowserWindow')
        super(windowOptions)
        openedWindows.push(this)
      }
    },
    desktopCapturer: {
      getSources: async () => {
        if (screens.failure) throw screens.failure
        return screens.sources
      },
    },
    screen: { getPrimaryDisplay: () => ({ id: screens.primaryDisplayId }) },
    webContents: { fromFrame: (frame) => openedWindows.find((window) => window.webContents.mainFrame === frame)?.webContents },
    ipcMain: Object.assign(ipc, { handle: (channel: string, listener: (event: IpcMainEventLike, ...args: unknown[]) => unknown) => void ipcHandlers.set(channel, listener) }),
    MessageChannelMain: class {
      port1 = new FakePort()
      port2 = new FakePort()
    },
    // Node's fetch stands in for Chromium's network stack: real requests over real sockets.
    net: {
      fetch: (input, init) => {
        requireReady('net requests')
        fetched.push(input)
        return fetch(input, init)
      },
    },
    powerMonitor,
    Tray: class extends FakeTray {
      constructor(iconPath: string) {
        requireReady('Tray')
        super(iconPath)
        trays.push(this)
      }
    },
    Menu: { buildFromTemplate: (template) => new FakeMenu(template) },
    Notification: Object.assign(
      class extends FakeNotification {
        constructor(notificationOptions: NotificationOptionsLike) {
          requireReady('Notification')
          super(notificationOptions)
          notifications.push(this)
        }
      },
      { isSupported: () => true },
    ),
    globalShortcut: {
      register: (accelerator, callback) => !shortcuts.has(accelerator) && (shortcuts.set(accelerator, callback), true),
      unregister: (accelerator) => void shortcuts.delete(accelerator),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes) => {
        if (readiness.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready')
        privilegedSchemes.push(...schemes)
      },
    },
    session: {
      get defaultSession() {
        if (!readiness.ready) throw new Error('Session can only be received when app is ready')
        return session
      },
    },
    shell: { openExternal: async (url) => void opened.push(url) },
    utilityProcess: {
      fork(modulePath, _args, options) {
        const child = new FakeUtilityProcess(modulePath, options)
        forked.push(child)
        return child
      },
    },
  }

  return {
    electron,
    forked,
    quits,
    lifecycle,
    paths,
    loginItem,
    protocolClients,
    os,
    /** Plays Electron's 'ready': whenReady() resolves and windows may open. */
    becomeReady: async () => {
      readiness.ready = true
      markReady()
      app.emit('ready')
      await whenReady
      await Promise.resolve()
    },
    opened,
    fetched,
    protocolHandlers,
    privilegedSchemes,
    permissions,
    powerMonitor,
    trays,
    notifications,
    shortcuts,
    windows: () => openedWindows,
    emitApp: (event: string, ...args: unknown[]) => app.emit(event, ...args),
    /** Plays macOS opening a link; true when main took it (prevented the default). */
    openUrl: (url: string) => {
      let taken = false
      app.emit('open-url', { preventDefault: () => (taken = true) }, url)
      return taken
    },
    /** Plays a second launch (Windows/Linux) with this command line. */
    secondInstance: (argv: string[]) => app.emit('second-instance', {}, argv, '/'),
    /** Plays Electron reporting a child process gone, as app 'child-process-gone' does. */
    childGone: (details: { type: string; reason: string; name?: string }) => app.emit('child-process-gone', {}, details),
    sendIpc: (channel: string, event: IpcMainEventLike, ...args: unknown[]) => ipc.emit(channel, event, ...args),
    screens,
    /** Plays a page calling getDisplayMedia from `frame`: resolves with what main granted (null: refused). */
    requestDisplayMedia: (frame: WebFrameLike | null, request: Partial<DisplayMediaRequestLike> = {}) =>
      new Promise<DisplayMediaStreamsLike>((resolve) => {
        if (!displayMediaHandler) throw new Error('main set no display media handler')
        displayMediaHandler({ frame, videoRequested: true, audioRequested: false, ...request }, resolve)
      }),
    /** Plays ipcRenderer.invoke: resolves with the handler's answer, rejects with what it threw. */
    invokeIpc: async (channel: string, event: IpcMainEventLike, ...args: unknown[]) => ipcHandlers.get(channel)!(event, ...args),
  }
}
