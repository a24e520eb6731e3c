// Electron's globalShortcut: the keys main registers with the OS; a registered key is refused to a second caller.
import type { ElectronApi } from '../../main/electron-api'

export function fakeGlobalShortcut() {
  const shortcuts = new Map<string, () => void>()
  const api: Pick<ElectronApi, 'globalShortcut'> = {
    globalShortcut: {
      register: (accelerator, callback) => !shortcuts.has(accelerator) && (shortcuts.set(accelerator, callback), true),
      unregister: (accelerator) => void shortcuts.delete(accelerator),
    },
  }
  return { api, controls: { shortcuts } }
}
