import type { TrayMenuItem } from './tray-menu'

/**
 * The one seam between main's logic and Electron: the slice of the `electron` module main uses,
 * by the same names. Only electron/main/index.ts passes the real module; tests pass a fake.
 * Methods are declared as methods (not arrow properties) so Electron's overloads satisfy them.
 */

export interface MessagePortMainLike {
  postMessage(message: unknown): void
  close(): void
}

export interface UtilityProcessLike {
  postMessage(message: unknown, transfer?: MessagePortMainLike[]): void
  kill(): boolean
  on(event: 'message', listener: (message: unknown) => void): unknown
  /** Its code is not trusted (electron#42283): only the fact that it exited is used. */
  on(event: 'exit', listener: (code: number) => void): unknown
}

export interface TrayLike {
  setContextMenu(menu: unknown): void
  setToolTip(text: string): void
  destroy(): void
}

export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown
  /** A button was pressed: its index in the options' actions. */
  on(event: 'action', listener: (event: unknown, index: number) => void): unknown
  show(): void
  close(): void
}

export interface NotificationOptionsLike {
  title: string
  body: string
  actions?: { type: 'button'; text: string }[]
}

export interface ChildProcessGoneDetailsLike {
  type: string
  reason: string
  name?: string
}

export interface WebFrameLike {
  url: string
  parent: WebFrameLike | null
}

export interface WebContentsLike {
  id: number
  postMessage(channel: string, message: unknown, transfer?: MessagePortMainLike[]): void
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void
  on(event: 'will-navigate', listener: (event: { url: string; preventDefault(): void }) => void): unknown
  once(event: 'destroyed', listener: () => void): unknown
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string }) => void): unknown
  isDestroyed(): boolean
}

export interface IpcMainEventLike {
  sender: WebContentsLike
  senderFrame: WebFrameLike | null
}

export interface BrowserWindowLike {
  webContents: WebContentsLike
  loadURL(url: string): Promise<void>
  show(): void
  showInactive(): void
  setTitle(title: string): void
  focus(): void
  isMinimized(): boolean
  restore(): void
  once(event: 'ready-to-show', listener: () => void): unknown
  on(event: 'closed', listener: () => void): unknown
  /** Emitted when the person (or the OS) closes the window; destroy() skips it. */
  on(event: 'close', listener: () => void): unknown
  /** The page's <title> changed; unless prevented, it becomes the window's title. */
  on(event: 'page-title-updated', listener: (event: { preventDefault(): void }) => void): unknown
  destroy(): void
  isDestroyed(): boolean
}

export interface BrowserWindowOptionsLike {
  width: number
  height: number
  minWidth: number
  minHeight: number
  show: boolean
  title: string
  backgroundColor: string
  webPreferences: {
    preload: string
    sandbox: true
    contextIsolation: true
    nodeIntegration: false
    webSecurity: true
    spellcheck: boolean
    backgroundThrottling?: false
  }
}

/** A screen or window desktopCapturer offers; `display_id` names the screen's display ('' where the platform cannot tell). */
export interface DesktopCapturerSourceLike {
  id: string
  name: string
  display_id: string
}

export interface DisplayMediaRequestLike {
  /** null once the requesting frame navigated away or was destroyed. */
  frame: WebFrameLike | null
  videoRequested: boolean
  audioRequested: boolean
}

/** What getDisplayMedia receives: a source to capture, or null to refuse. */
export type DisplayMediaStreamsLike = { video: DesktopCapturerSourceLike } | null

export interface SessionLike {
  protocol: {
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void
  }
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void
  setDisplayMediaRequestHandler(handler: (request: DisplayMediaRequestLike, callback: (streams: DisplayMediaStreamsLike) => void) => void): void
}

export interface ElectronApi {
  app: {
    isPackaged: boolean
    getPath(name: 'userData'): string
    whenReady(): Promise<void>
    requestSingleInstanceLock(): boolean
    setAsDefaultProtocolClient(protocol: string): boolean
    quit(): void
    /** Starts the app again once this instance has quit. */
    relaunch(): void
    /** Windows: the id notifications are shown under; it must be the installer's appId. */
    setAppUserModelId(id: string): void
    getLoginItemSettings(): { openAtLogin: boolean }
    setLoginItemSettings(settings: { openAtLogin: boolean }): void
    on(event: 'child-process-gone', listener: (event: unknown, details: ChildProcessGoneDetailsLike) => void): unknown
    on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): unknown
    on(event: 'window-all-closed' | 'activate', listener: () => void): unknown
    /** Quitting: before-quit comes before the windows close, will-quit after; preventDefault() cancels the quit. */
    on(event: 'before-quit' | 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown
    /** Another launch was refused the single-instance lock; `argv` is its command line (with any link). */
    on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown
    /** macOS opens a hallway:// link. */
    on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown
  }
  BrowserWindow: new (options: BrowserWindowOptionsLike) => BrowserWindowLike
  desktopCapturer: {
    getSources(options: { types: ('screen' | 'window')[]; thumbnailSize: { width: number; height: number } }): Promise<DesktopCapturerSourceLike[]>
  }
  ipcMain: {
    on(channel: string, listener: (event: IpcMainEventLike, ...args: unknown[]) => void): unknown
    handle(channel: string, listener: (event: IpcMainEventLike, ...args: unknown[]) => unknown): void
  }
  MessageChannelMain: new () => { port1: MessagePortMainLike; port2: MessagePortMainLike }
  /** Chromium's network stack: the system's proxy settings and certificate store apply. */
  net: { fetch(input: string, init?: RequestInit): Promise<Response> }
  protocol: {
    registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void
  }
  Tray: new (iconPath: string) => TrayLike
  Menu: { buildFromTemplate(template: TrayMenuItem[]): unknown }
  Notification: { new (options: NotificationOptionsLike): NotificationLike; isSupported(): boolean }
  globalShortcut: {
    register(accelerator: string, callback: () => void): boolean
    unregister(accelerator: string): void
  }
  screen: { getPrimaryDisplay(): { id: number } }
  powerMonitor: {
    /** Seconds since the last keyboard or mouse input. */
    getSystemIdleTime(): number
    /** Sleep and wake on every OS; screen lock and unlock on macOS and Windows. */
    on(event: 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen', listener: () => void): unknown
  }
  session: { defaultSession: SessionLike }
  shell: { openExternal(url: string): Promise<void> }
  webContents: { fromFrame(frame: WebFrameLike): WebContentsLike | undefined }
  utilityProcess: {
    fork(modulePath: string, args: string[], options: { serviceName: string; env: Record<string, string | undefined>; stdio: 'inherit' }): UtilityProcessLike
  }
}
