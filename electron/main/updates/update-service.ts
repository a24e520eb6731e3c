import type { AppUpdater, ProgressInfo, UpdateDownloadedEvent } from 'electron-updater'
import type { UpdateChannel, UpdateState, UpdateStatus } from '../../../shared/contract/updates'
import { describeUpdateError } from './update-error'
import { defaultRestartBackoff, restartDelay, type RestartBackoff } from '../restart-backoff'

/** electron-updater's feed names: `latest` is what electron-builder publishes as the stable channel. */
export const FEED_CHANNEL: Record<UpdateChannel, string> = { stable: 'latest', beta: 'beta' }

const FOUR_HOURS_MS = 4 * 60 * 60 * 1000

export interface UpdateServiceOptions {
  updater: AppUpdater
  /** The generic feed's base URL; null leaves electron-updater on the app-update.yml packaged with the app. */
  feedUrl: string | null
  channel: UpdateChannel
  /** Waits between failed checks: doubles with each failure in a row, up to capMs. */
  backoff?: RestartBackoff
  checkEveryMs?: number
  now?: () => number
  /** Remembers a changed channel for the next launch. */
  saveChannel(channel: UpdateChannel): void
  log(message: string): void
}

export interface UpdateService {
  status(): UpdateStatus
  /** Called with every new status. */
  onStatus(listener: (status: UpdateStatus) => void): void
  setChannel(channel: UpdateChannel): void
  /** Whether I am in a call on this device; an asked-for restart waits until this turns false. */
  setInCall(inCall: boolean): void
  /** Quits and installs the downloaded update now, or as soon as the current call ends. */
  restartNow(): void
  close(): void
}

/**
 * Checks the feed now and every few hours, downloads in the background, and installs on quit or
 * when asked, never during a call. electron-updater verifies the download's sha512 and keeps the
 * per-install staging id (userData/.updaterId) that decides staged rollouts.
 */
export function startUpdateService(options: UpdateServiceOptions): UpdateService {
  const { updater } = options
  const backoff = options.backoff ?? defaultRestartBackoff
  const now = options.now ?? Date.now
  const listeners: ((status: UpdateStatus) => void)[] = []
  let channel = options.channel
  let state: UpdateState = { kind: 'idle' }
  let failuresInARow = 0
  let inCall = false
  let timer: ReturnType<typeof setTimeout> | null = null
  let running: Promise<void> | null = null
  let checkAgain = false
  let closed = false

  const setState = (next: UpdateState) => {
    state = next
    const status = { channel, state }
    for (const listener of listeners) listener(status)
  }

  const followChannel = () => {
    updater.channel = FEED_CHANNEL[channel]
    // Setting a channel turns downgrades on; a beta install switching to stable keeps its build until stable passes it.
    updater.allowDowngrade = false
    if (options.feedUrl) updater.setFeedURL({ provider: 'generic', url: options.feedUrl })
  }

  updater.autoDownload = true
  updater.autoInstallOnAppQuit = true
  updater.logger = { info: () => {}, warn: (message) => options.log(`updates: ${String(message)}`), error: (message) => options.log(`updates: ${String(message)}`) }
  followChannel()

  updater.on('checking-for-update', () => setState({ kind: 'checking' }))
  updater.on('update-available', () => setState({ kind: 'downloading', percent: 0, bytesPerSecond: 0 }))
  updater.on('download-progress', (progress: ProgressInfo) =>
    setState({ kind: 'downloading', percent: clamp(progress.percent, 0, 100), bytesPerSecond: Number.isFinite(progress.bytesPerSecond) ? Math.max(0, progress.bytesPerSecond) : 0 }),
  )
  updater.on('update-not-available', () => setState({ kind: 'idle' }))
  updater.on('update-downloaded', (event: UpdateDownloadedEvent) => setState({ kind: 'ready', version: event.version.slice(0, 64), restartWhenCallEnds: false }))

  const schedule = (delay: number) => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => void check(), delay)
  }

  const checkOnce = async () => {
    try {
      const result = await updater.checkForUpdates()
      // The download's failure (a refused sha512 included) rejects this, not the check.
      await result?.downloadPromise
      failuresInARow = 0
      if (!result) setState({ kind: 'idle' })
      if (state.kind !== 'ready') schedule(options.checkEveryMs ?? FOUR_HOURS_MS)
    } catch (error) {
      failuresInARow += 1
      const delay = restartDelay(backoff, failuresInARow)
      options.log(`updates: ${error instanceof Error ? error.message : String(error)}; retrying in ${delay} ms`)
      setState({ kind: 'error', message: describeUpdateError(error), retryAt: now() + delay })
      schedule(delay)
    }
  }

  const check = async (): Promise<void> => {
    if (closed) return
    if (timer) clearTimeout(timer)
    timer = null
    // A check already under way would answer for the channel it started on: run another after it.
    if (running) return void (checkAgain = true)
    running = checkOnce()
    await running
    running = null
    if (checkAgain && !closed) {
      checkAgain = false
      await check()
    }
  }

  const install = () => {
    options.log('updates: quitting to install the downloaded update')
    updater.quitAndInstall(true, true)
  }

  // On the next turn, so whoever starts the service has subscribed before the first status.
  schedule(0)

  return {
    status: () => ({ channel, state }),
    onStatus: (listener) => void listeners.push(listener),
    setChannel(next) {
      if (next === channel || closed) return
      channel = next
      options.saveChannel(next)
      followChannel()
      failuresInARow = 0
      setState({ kind: 'idle' })
      void check()
    },
    setInCall(next) {
      inCall = next
      if (!inCall && state.kind === 'ready' && state.restartWhenCallEnds) install()
    },
    restartNow() {
      if (state.kind !== 'ready') return options.log(`updates: ignored "Restart now": no update is ready (${state.kind})`)
      if (!inCall) return install()
      options.log('updates: will restart to update when the call ends')
      setState({ ...state, restartWhenCallEnds: true })
    },
    close() {
      closed = true
      if (timer) clearTimeout(timer)
    },
  }
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min
}
