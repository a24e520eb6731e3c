// The media host window (renderer/media/host): the call window, with the call bar, video tiles and
// device pickers. Opened when I walk into a room, destroyed when I leave or another of my devices
// holds the call, and opened again if its renderer dies mid-call. Closing it leaves the room:
// being in a room is being in its call.
import type { TraySummary } from '../../shared/contract/tray'
import type { BrowserWindowLike, ElectronApi, WebContentsLike } from './electron-api'
import { hardenedWebPreferences } from './hardened-web-preferences'
import { crashStreak, defaultRestartBackoff, type RestartBackoff } from './restart-backoff'

export interface MediaHostOptions {
  preloadPath: string
  url: string
  /** How soon a crashed call window comes back; a renderer that keeps crashing must not spin. */
  backoff?: RestartBackoff
  /** The person closed the call window. */
  leaveRoom(): void
  log(message: string): void
}

export interface MediaHost {
  /** Follows the core's tray summary: a call wanted here while I'm in a room on this device. */
  update(summary: TraySummary): void
  /** Whether these web contents are the live media host's (permissions, media config). */
  owns(contents: unknown): contents is WebContentsLike
  close(): void
}

export function startMediaHost(electron: Pick<ElectronApi, 'BrowserWindow'>, options: MediaHostOptions): MediaHost {
  let wanted = false
  let title = 'Hallway call'
  let window: BrowserWindowLike | null = null
  const streak = crashStreak(options.backoff ?? defaultRestartBackoff)
  let pendingReopen: ReturnType<typeof setTimeout> | null = null
  const cancelReopen = () => {
    if (pendingReopen) clearTimeout(pendingReopen)
    pendingReopen = null
  }

  const open = () => {
    const opened = new electron.BrowserWindow({
      width: 360,
      height: 240,
      minWidth: 240,
      minHeight: 160,
      // Shown once it has painted, and without taking the focus from what I was doing.
      show: false,
      title,
      backgroundColor: '#f6f4ef',
      // A throttled hidden window can freeze, and livekit-client leaves the call on freeze.
      webPreferences: hardenedWebPreferences(options.preloadPath, { spellcheck: false, backgroundThrottling: false }),
    })
    window = opened
    streak.started()
    opened.once('ready-to-show', () => opened.showInactive())
    // The title names the room (set by update); the page's own <title> must not replace it.
    opened.on('page-title-updated', (event) => event.preventDefault())
    opened.on('close', () => {
      if (window !== opened || !wanted) return
      options.log('main: the call window was closed; leaving the room')
      options.leaveRoom()
    })
    opened.on('closed', () => {
      if (window === opened) window = null
    })
    opened.webContents.on('render-process-gone', (_event, details) => {
      options.log(`main: the media host's renderer is gone (${details.reason})`)
      if (window === opened) window = null
      if (!opened.isDestroyed()) opened.destroy()
      if (!wanted || pendingReopen) return
      const delay = streak.delayAfterCrash()
      options.log(`main: reopening the call window in ${delay} ms`)
      pendingReopen = setTimeout(() => {
        pendingReopen = null
        open()
      }, delay)
    })
    opened.loadURL(options.url).catch((error: unknown) => options.log(`main: could not load ${options.url}: ${String(error)}`))
  }

  const close = () => {
    cancelReopen()
    const closing = window
    window = null
    if (closing && !closing.isDestroyed()) closing.destroy()
  }

  return {
    update(summary) {
      wanted = summary.me.room !== null && summary.me.callElsewhere === null
      title = summary.me.roomName ? `Hallway call — ${summary.me.roomName}` : 'Hallway call'
      if (window && !window.isDestroyed()) window.setTitle(title)
      // While a crashed window waits out its backoff, a summary must not bring it back early.
      if (wanted && !window && !pendingReopen) open()
      if (!wanted) close()
    },
    owns: (contents): contents is WebContentsLike => window !== null && !window.isDestroyed() && contents === window.webContents,
    close() {
      wanted = false
      close()
    },
  }
}
