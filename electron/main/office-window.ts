import type { BrowserWindowLike, ElectronApi } from './electron-api'

export interface OfficeWindowOptions {
  preloadPath: string
  /** The office page, or the setup page when Hallway is not configured. */
  url: string
  log(message: string): void
}

export function openOfficeWindow(electron: Pick<ElectronApi, 'BrowserWindow'>, options: OfficeWindowOptions): BrowserWindowLike {
  const window = new electron.BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 480,
    minHeight: 360,
    // Shown once painted, so the window never flashes blank.
    show: false,
    title: 'Hallway',
    backgroundColor: '#f6f4ef',
    webPreferences: {
      preload: options.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  })
  window.once('ready-to-show', () => window.show())
  window.loadURL(options.url).catch((error: unknown) => options.log(`main: could not load ${options.url}: ${String(error)}`))
  return window
}
