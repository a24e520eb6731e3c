import type { TraySummary } from '../../shared/contract/tray'
import type { ElectronApi } from './electron-api'
import { heldNotifications } from './held-notifications'

/** One notification per unread mention of me; closed once I read that discussion (on any device). A click opens the office. */
export function notifyMentions(electron: Pick<ElectronApi, 'Notification'>, actions: { openOffice(): void }) {
  return heldNotifications<TraySummary['mentions'][number]>(
    electron,
    {
      keyOf: (mention) => `${mention.roomId}#${mention.seq}`,
      options: (mention) => ({ title: `${mention.name} mentioned you`, body: `In the ${mention.roomName} discussion.` }),
      act: () => actions.openOffice(),
    },
    actions.openOffice,
  )
}
