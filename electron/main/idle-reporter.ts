import type { ElectronApi, UtilityProcessLike } from './electron-api'

export const IDLE_REPORT_INTERVAL_MS = 30_000

/**
 * Feeds the core the OS idle time so the member shows as away after a while without input. The
 * core writes only when away/back flips, so a steady report costs nothing on the wire. Nothing is
 * reported while `asleepOrLocked`: a locked screen's short idle time must not make me present.
 */
export function reportIdleToCore(
  electron: Pick<ElectronApi, 'powerMonitor'>,
  core: () => UtilityProcessLike | null,
  asleepOrLocked: () => boolean,
  intervalMs = IDLE_REPORT_INTERVAL_MS,
): () => void {
  const report = () => {
    if (!asleepOrLocked()) core()?.postMessage({ type: 'idle', idleMs: Math.round(electron.powerMonitor.getSystemIdleTime() * 1000) })
  }
  const timer = setInterval(report, intervalMs)
  // Coming back from sleep or unlocking is input after a long gap: say so at once.
  const onResume = () => report()
  electron.powerMonitor.on('resume', onResume)
  electron.powerMonitor.on('unlock-screen', onResume)
  return () => clearInterval(timer)
}
