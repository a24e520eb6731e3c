import type { BrowserWindowLike, ElectronApi } from './electron-api'
import { hardenedWebPreferences } from './hardened-web-preferences'

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
    webPreferences: hardenedWebPreferences(options.preloadPath, { spellcheck: true }),
  })
  window.once('ready-to-show', () => window.show())
  window.loadURL(options.url).catch((error: unknown) => options.log(`main: could not load ${options.url}: ${String(error)}`))
  return window
}
