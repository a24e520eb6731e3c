import type { CoreCommand } from '../../shared/contract/commands'
import { MUTE_SHORTCUT } from '../../shared/contract/shortcuts'
import type { TraySummary } from '../../shared/contract/tray'
import type { ElectronApi } from './electron-api'
import { notifyKnocks } from './knock-notifications'
import { trayMenuTemplate, trayTooltip, type TrayActions } from './tray-menu'

export interface TrayController {
  update(summary: TraySummary): void
  close(): void
}

/**
 * The desktop's quick controls: a tray menu to walk between rooms, a global mute shortcut, and a
 * notification when someone knocks on my door. All of it acts through core commands.
 */
export function startTray(
  electron: Pick<ElectronApi, 'Tray' | 'Menu' | 'globalShortcut' | 'Notification'>,
  options: { iconPath: string; actions: TrayActions; log(message: string): void },
): TrayController {
  const tray = new electron.Tray(options.iconPath)
  const knocks = notifyKnocks(electron, options.actions)
  let latest: TraySummary | null = null
  const run = (command: CoreCommand) => options.actions.run(command)

  const toggleMute = () => {
    if (latest?.me.room) run({ type: 'setMic', on: !latest.me.mic })
  }
  if (!electron.globalShortcut.register(MUTE_SHORTCUT, toggleMute)) {
    options.log(`main: ${MUTE_SHORTCUT} is taken by another app; mute from the tray or the window instead`)
  }

  const render = (summary: TraySummary) => {
    tray.setContextMenu(electron.Menu.buildFromTemplate(trayMenuTemplate(summary, options.actions)))
    tray.setToolTip(trayTooltip(summary))
  }

  return {
    update(summary) {
      latest = summary
      render(summary)
      knocks.update(summary)
    },
    close() {
      knocks.close()
      electron.globalShortcut.unregister(MUTE_SHORTCUT)
      tray.destroy()
    },
  }
}
