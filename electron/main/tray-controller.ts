import type { CoreCommand } from '../../shared/contract/commands'
import { ALL_NOTIFICATIONS, type NotificationChoices } from '../../shared/contract/notification-choices'
import type { TraySummary } from '../../shared/contract/tray'
import type { ElectronApi } from './electron-api'
import { notifyInvitations } from './invitation-notifications'
import { notifyKnocks } from './knock-notifications'
import { notifyMentions } from './mention-notifications'
import { holdMuteShortcut, type MuteShortcut } from './mute-shortcut'
import { trayMenuTemplate, trayTooltip, type TrayActions } from './tray-menu'

export interface TrayController {
  update(summary: TraySummary): void
  /** This device's Settings switches, as the office last told them. */
  setNotificationChoices(choices: NotificationChoices): void
  /** The global mute shortcut, which Settings can move. */
  readonly muteShortcut: MuteShortcut
  close(): void
}

/**
 * The desktop's quick controls: a tray menu to walk between rooms, a global mute shortcut, and a
 * notification when someone knocks on my door, invites me in or mentions me. All of it acts through core commands.
 */
export function startTray(
  electron: Pick<ElectronApi, 'Tray' | 'Menu' | 'globalShortcut' | 'Notification'>,
  options: { iconPath: string; actions: TrayActions; muteShortcut: string; log(message: string): void },
): TrayController {
  const tray = new electron.Tray(options.iconPath)
  const knocks = notifyKnocks(electron, options.actions)
  const invitations = notifyInvitations(electron, options.actions)
  const mentions = notifyMentions(electron, options.actions)
  let latest: TraySummary | null = null
  // Until the office tells this device's switches (it does as it opens), Settings' defaults hold.
  let choices = ALL_NOTIFICATIONS
  const notify = (summary: TraySummary) => {
    knocks.update(summary.knocks, choices.knocks)
    invitations.update(summary.invitations, choices.invitations)
    mentions.update(summary.mentions, choices.mentions)
  }
  const run = (command: CoreCommand) => options.actions.run(command)

  const toggleMute = () => {
    if (latest?.me.room) run({ type: 'setMic', on: !latest.me.mic })
  }
  const muteShortcut = holdMuteShortcut(electron.globalShortcut, { accelerator: options.muteShortcut, onPress: toggleMute, log: options.log })

  const render = (summary: TraySummary) => {
    tray.setContextMenu(electron.Menu.buildFromTemplate(trayMenuTemplate(summary, options.actions)))
    tray.setToolTip(trayTooltip(summary))
  }

  return {
    update(summary) {
      latest = summary
      render(summary)
      notify(summary)
    },
    setNotificationChoices(next) {
      choices = next
      if (latest) notify(latest)
    },
    muteShortcut,
    close() {
      knocks.close()
      invitations.close()
      mentions.close()
      muteShortcut.close()
      tray.destroy()
    },
  }
}
