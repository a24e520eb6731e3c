// Electron's powerMonitor: idle time a test sets, and sleep/wake/lock events it emits.
import type { ElectronApi } from '../../main/electron-api'
import { FakeEmitter } from './emitter'

export function fakePowerMonitor() {
  const powerMonitor = Object.assign(new FakeEmitter(), { idleSeconds: 0, getSystemIdleTime: () => powerMonitor.idleSeconds })
  const api: Pick<ElectronApi, 'powerMonitor'> = { powerMonitor }
  return { api, controls: { powerMonitor } }
}
