import type { CoreCommand } from '../../shared/contract/commands'
import type { TraySummary } from '../../shared/contract/tray'
import type { ElectronApi } from './electron-api'
import { heldNotifications } from './held-notifications'

/** The buttons of a knock notification (macOS shows them; elsewhere a click opens the office). */
export const KNOCK_ACTIONS = ['Let in', 'Not now'] as const

/** One notification per knock on my door; closed when the knock ends elsewhere (answered, withdrawn, expired). */
export function notifyKnocks(electron: Pick<ElectronApi, 'Notification'>, actions: { run(command: CoreCommand): void; openOffice(): void }) {
  return heldNotifications<TraySummary['knocks'][number]>(
    electron,
    {
      keyOf: (knock) => `${knock.userId}@${knock.at}`,
      options: (knock) => ({
        title: `${knock.name} is knocking`,
        body: `On the door of ${knock.roomName}.`,
        actions: KNOCK_ACTIONS.map((text) => ({ type: 'button' as const, text })),
      }),
      act: (knock, index) => actions.run({ type: 'answerKnock', userId: knock.userId, admit: index === 0 }),
    },
    actions.openOffice,
  )
}
