import type { ChildProcessGoneDetailsLike, ElectronApi, UtilityProcessLike } from './electron-api'

export interface RestartBackoff {
  /** Wait before the first restart; doubles with each crash in a row. */
  baseMs: number
  capMs: number
  /** A core that ran this long before dying counts as healthy: the next restart is quick again. */
  stableMs: number
}

export const defaultRestartBackoff: RestartBackoff = { baseMs: 500, capMs: 30_000, stableMs: 60_000 }

export interface CoreSupervisorOptions {
  modulePath: string
  env: Record<string, string | undefined>
  /** Names the process in child-process-gone details, which is how its death is recognised. */
  serviceName: string
  backoff?: RestartBackoff
  /** Called with each replacement core once it has been forked. */
  onRestart(child: UtilityProcessLike): void
  /** Everything a core posts to main (validated by the receiver). */
  onMessage(message: unknown): void
  log(message: string): void
}

export interface CoreSupervisor {
  /** The running core, or null while a restart is pending or after stop(). */
  current(): UtilityProcessLike | null
  close(): void
}

export function restartDelay(backoff: RestartBackoff, crashesInARow: number): number {
  return Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, crashesInARow - 1))
}

/**
 * Keeps the core utility process running. Deaths are taken from app 'child-process-gone' and its
 * reason, never from the child's exit code: utilityProcess exit codes have been wrong after
 * crashes (electron#42283, #44012).
 */
export function superviseCore(electron: Pick<ElectronApi, 'app' | 'utilityProcess'>, options: CoreSupervisorOptions): CoreSupervisor {
  const backoff = options.backoff ?? defaultRestartBackoff
  let child: UtilityProcessLike | null = null
  let startedAt = 0
  let crashesInARow = 0
  let pending: ReturnType<typeof setTimeout> | null = null
  let stopped = false

  const fork = () => {
    child = electron.utilityProcess.fork(options.modulePath, [], { serviceName: options.serviceName, env: options.env, stdio: 'inherit' })
    startedAt = Date.now()
    child.on('message', options.onMessage)
    return child
  }

  const onGone = (details: ChildProcessGoneDetailsLike) => {
    if (details.type !== 'Utility' || details.name !== options.serviceName) return
    // A late report about a core already being replaced changes nothing.
    if (stopped || !child) return
    child = null
    crashesInARow = Date.now() - startedAt >= backoff.stableMs ? 1 : crashesInARow + 1
    const delay = restartDelay(backoff, crashesInARow)
    options.log(`main: core process gone (${details.reason}); restarting in ${delay} ms`)
    pending = setTimeout(() => {
      pending = null
      if (!stopped) options.onRestart(fork())
    }, delay)
  }

  electron.app.on('child-process-gone', (_event, details) => onGone(details))
  fork()

  return {
    current: () => child,
    close() {
      stopped = true
      if (pending) clearTimeout(pending)
      child?.kill()
      child = null
    },
  }
}
