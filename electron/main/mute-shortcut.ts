import type { MuteShortcutState } from '../../shared/contract/shortcuts'
import type { ElectronApi } from './electron-api'

export interface MuteShortcut {
  state(): MuteShortcutState
  /**
   * Moves muting to `accelerator` when the OS gives it to Hallway, letting the old one go; when
   * another app holds it, the old one stays in effect and the answer names the one refused.
   */
  choose(accelerator: string): MuteShortcutState
  close(): void
}

/** The global shortcut that mutes me from any app: registered with the OS, moved when Settings picks another. */
export function holdMuteShortcut(
  globalShortcut: ElectronApi['globalShortcut'],
  options: { accelerator: string; onPress(): void; log(message: string): void },
): MuteShortcut {
  const takenMessage = (accelerator: string) => `main: ${accelerator} is taken by another app; mute from the tray or the window, or pick another shortcut in Settings`
  let accelerator = options.accelerator
  let registered = globalShortcut.register(accelerator, options.onPress)
  if (!registered) options.log(takenMessage(accelerator))
  const state = (taken: string | null = null): MuteShortcutState => ({ accelerator, registered, taken })

  return {
    state: () => state(),
    choose(next) {
      if (next === accelerator && registered) return state()
      if (!globalShortcut.register(next, options.onPress)) {
        options.log(takenMessage(next))
        return state(next)
      }
      if (registered && next !== accelerator) globalShortcut.unregister(accelerator)
      accelerator = next
      registered = true
      return state()
    },
    close() {
      if (registered) globalShortcut.unregister(accelerator)
      registered = false
    },
  }
}
