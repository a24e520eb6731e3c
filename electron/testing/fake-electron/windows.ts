// Electron's BrowserWindow and webContents: the windows main opens and the pages in them.
import type { BrowserWindowLike, BrowserWindowOptionsLike, ElectronApi, MessagePortMainLike, WebContentsLike, WebFrameLike } from '../../main/electron-api'
import { FakeEmitter } from './emitter'
import type { ReadyGate } from './ready-gate'

export function fakeFrame(url: string, parent: WebFrameLike | null = null): WebFrameLike {
  return { url, parent }
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

export function fakeWindows(gate: ReadyGate) {
  /** Every window this instance opened, in order (each fake instance is its own app). */
  const openedWindows: FakeBrowserWindow[] = []
  const api: Pick<ElectronApi, 'BrowserWindow' | 'webContents'> = {
    BrowserWindow: class extends FakeBrowserWindow {
      constructor(windowOptions: BrowserWindowOptionsLike) {
        gate.require('BrowserWindow')
        super(windowOptions)
        openedWindows.push(this)
      }
    },
    webContents: { fromFrame: (frame) => openedWindows.find((window) => window.webContents.mainFrame === frame)?.webContents },
  }
  return { api, controls: { windows: () => openedWindows } }
}
