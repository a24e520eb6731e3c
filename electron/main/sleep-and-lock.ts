import type { CoreSupervisor } from './core-supervisor'
import type { ElectronApi } from './electron-api'

export interface SleepAndLock {
  /** Asleep or locked: no one is at this device, whatever its idle time says. */
  away(): boolean
}

/**
 * Tells the core when no one can be at this device (it sleeps, or its screen locks) and when
 * someone is again (awake and unlocked): away and out of the call, then back at once and into
 * the call again. A wake on a still-locked screen is not back yet.
 */
export function followSleepAndLock(electron: Pick<ElectronApi, 'powerMonitor'>, core: Pick<CoreSupervisor, 'send'>): SleepAndLock {
  let asleep = false
  let locked = false
  const away = () => asleep || locked
  const change = (apply: () => void) => {
    const before = away()
    apply()
    if (away() !== before) core.send({ type: away() ? 'away' : 'back' })
  }
  electron.powerMonitor.on('suspend', () => change(() => (asleep = true)))
  electron.powerMonitor.on('lock-screen', () => change(() => (locked = true)))
  electron.powerMonitor.on('resume', () => change(() => (asleep = false)))
  electron.powerMonitor.on('unlock-screen', () => change(() => (locked = false)))
  return { away }
}
