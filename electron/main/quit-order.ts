import type { CoreSupervisor } from './core-supervisor'
import type { ElectronApi } from './electron-api'

/** How long a quit waits for the core to confirm its leave before going anyway (an offline server, a hung core). */
export const LEAVE_CONFIRM_TIMEOUT_MS = 3_000

export interface QuitOrder {
  /** The app has begun quitting: summaries must not bring the call window back. */
  quitting(): boolean
  /** The core answered ready-to-quit: the server and its disk have the leave. */
  coreReady(): void
}

/**
 * Quitting lets the leave reach the server: the first will-quit is held while the core leaves the
 * room and waits for the server's answer (ready-to-quit), then the quit goes through and `close`
 * ends the core and everything else. A core that does not answer in time is not waited for.
 */
export function leaveBeforeQuit(
  electron: Pick<ElectronApi, 'app'>,
  options: { core: CoreSupervisor; close(): void; timeoutMs?: number; log(message: string): void },
): QuitOrder {
  const timeoutMs = options.timeoutMs ?? LEAVE_CONFIRM_TIMEOUT_MS
  let phase: 'running' | 'quitting' | 'leaving' | 'done' = 'running'
  let timer: ReturnType<typeof setTimeout> | null = null

  const proceed = () => {
    if (phase !== 'leaving') return
    if (timer) clearTimeout(timer)
    phase = 'done'
    electron.app.quit()
  }

  electron.app.on('before-quit', () => {
    if (phase === 'running') phase = 'quitting'
  })
  electron.app.on('will-quit', (event) => {
    if (phase === 'done') return options.close()
    // A core that is down (crashed, restarting) has no connection left to leave from: nothing to wait for.
    if (!options.core.current()) {
      phase = 'done'
      return options.close()
    }
    event.preventDefault()
    if (phase === 'leaving') return
    phase = 'leaving'
    options.core.send({ type: 'quit' })
    timer = setTimeout(() => {
      options.log(`main: the core did not confirm its leave within ${timeoutMs} ms; quitting anyway`)
      proceed()
    }, timeoutMs)
  })

  return { quitting: () => phase !== 'running', coreReady: proceed }
}
