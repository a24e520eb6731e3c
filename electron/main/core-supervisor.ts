import type { MainToCore } from '../../shared/contract/main-to-core'
import type { ChildProcessGoneDetailsLike, ElectronApi, UtilityProcessLike } from './electron-api'
import { crashStreak, defaultRestartBackoff, type RestartBackoff } from './restart-backoff'

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

/** What main asks of the core that must not be lost to a restart. */
export type CoreRequest = Extract<MainToCore, { type: 'command' | 'away' | 'back' | 'quit' }>

export interface CoreSupervisor {
  /** The running core, or null while a restart is pending or after close(). */
  current(): UtilityProcessLike | null
  /** Posts to the running core; while it restarts, requests wait and go to its replacement, in order. */
  send(request: CoreRequest): void
  close(): void
}

/**
 * Keeps the core utility process running. Deaths are taken from app 'child-process-gone' (with its
 * reason) and from the child's 'exit' event, never from its exit code: utilityProcess exit codes
 * have been wrong after crashes (electron#42283, #44012).
 */
export function superviseCore(electron: Pick<ElectronApi, 'app' | 'utilityProcess'>, options: CoreSupervisorOptions): CoreSupervisor {
  const backoff = options.backoff ?? defaultRestartBackoff
  const streak = crashStreak(backoff)
  let child: UtilityProcessLike | null = null
  let pending: ReturnType<typeof setTimeout> | null = null
  let stopped = false
  const waiting: CoreRequest[] = []

  const fork = () => {
    const forked = electron.utilityProcess.fork(options.modulePath, [], { serviceName: options.serviceName, env: options.env, stdio: 'inherit' })
    child = forked
    streak.started()
    forked.on('message', options.onMessage)
    for (const request of waiting.splice(0)) forked.postMessage(request)
    // A core that exits on its own (even cleanly) is not reported as gone; main never asks it to
    // exit except through close(), so any exit of the running core is a death to recover from.
    forked.on('exit', () => {
      if (child === forked) restartAfterDeath('exited on its own')
    })
    return forked
  }

  const restartAfterDeath = (reason: string) => {
    // A late report about a core already being replaced changes nothing.
    if (stopped || !child) return
    child = null
    const delay = streak.delayAfterCrash()
    options.log(`main: core process gone (${reason}); restarting in ${delay} ms`)
    pending = setTimeout(() => {
      pending = null
      if (!stopped) options.onRestart(fork())
    }, delay)
  }

  const onGone = (details: ChildProcessGoneDetailsLike) => {
    if (details.type !== 'Utility' || details.name !== options.serviceName) return
    restartAfterDeath(details.reason)
  }

  electron.app.on('child-process-gone', (_event, details) => onGone(details))
  fork()

  return {
    current: () => child,
    send(request) {
      if (child) child.postMessage(request)
      else if (!stopped) waiting.push(request)
    },
    close() {
      stopped = true
      if (pending) clearTimeout(pending)
      child?.kill()
      child = null
    },
  }
}
