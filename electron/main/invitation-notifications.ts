import type { CoreCommand } from '../../shared/contract/commands'
import type { TraySummary } from '../../shared/contract/tray'
import type { ElectronApi } from './electron-api'
import { heldNotifications } from './held-notifications'

/** The button of an invitation notification (macOS shows it; elsewhere a click opens the office). */
export const INVITATION_ACTIONS = ['Join'] as const

/**
 * One notification per open invitation into someone's room; closed when it ends elsewhere
 * (answered in the office, cancelled, expired). "Join" accepts it through the core, which walks
 * me there only if the door and the room's capacity still allow it.
 */
export function notifyInvitations(electron: Pick<ElectronApi, 'Notification'>, actions: { run(command: CoreCommand): void; openOffice(): void }) {
  return heldNotifications<TraySummary['invitations'][number]>(
    electron,
    {
      keyOf: (invitation) => `${invitation.userId}@${invitation.at}`,
      options: (invitation) => ({
        title: `${invitation.name} invites you`,
        body: `Join them in ${invitation.roomName}?`,
        actions: INVITATION_ACTIONS.map((text) => ({ type: 'button' as const, text })),
      }),
      act: (invitation) => actions.run({ type: 'answerPull', fromUserId: invitation.userId, accept: true }),
    },
    actions.openOffice,
  )
}
