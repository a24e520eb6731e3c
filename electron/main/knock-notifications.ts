import type { CoreCommand } from '../../shared/contract/commands'
import type { TraySummary } from '../../shared/contract/tray'
import type { ElectronApi, NotificationLike } from './electron-api'

/** The buttons of a knock notification (macOS shows them; elsewhere a click opens the office). */
export const KNOCK_ACTIONS = ['Let in', 'Not now'] as const

/**
 * One notification per knock on my door, held until it is clicked, answered or closed (a
 * notification nobody references is garbage-collected with its click), and closed when the knock
 * ends elsewhere (answered in the office, withdrawn, expired).
 */
export function notifyKnocks(
  electron: Pick<ElectronApi, 'Notification'>,
  actions: { run(command: CoreCommand): void; openOffice(): void },
): { update(summary: TraySummary): void; close(): void } {
  const held = new Map<string, NotificationLike>()
  /** Every knock notified about while it lasts: one the person clicked or closed is not shown again. */
  const notified = new Set<string>()
  const keyOf = (knock: TraySummary['knocks'][number]) => `${knock.userId}@${knock.at}`

  const show = (key: string, knock: TraySummary['knocks'][number]) => {
    const notice = new electron.Notification({
      title: `${knock.name} is knocking`,
      body: `On the door of ${knock.roomName}.`,
      actions: KNOCK_ACTIONS.map((text) => ({ type: 'button' as const, text })),
    })
    const forget = () => {
      if (held.get(key) === notice) held.delete(key)
    }
    notice.on('click', () => {
      forget()
      actions.openOffice()
    })
    notice.on('action', (_event, index) => {
      forget()
      actions.run({ type: 'answerKnock', userId: knock.userId, admit: index === 0 })
    })
    notice.on('close', forget)
    held.set(key, notice)
    notified.add(key)
    notice.show()
  }

  return {
    update(summary) {
      const current = new Map(summary.knocks.map((knock) => [keyOf(knock), knock]))
      for (const key of notified) if (!current.has(key)) notified.delete(key)
      for (const [key, notice] of held) {
        if (current.has(key)) continue
        held.delete(key)
        notice.close()
      }
      if (!electron.Notification.isSupported()) return
      for (const [key, knock] of current) if (!notified.has(key)) show(key, knock)
    },
    close() {
      for (const notice of held.values()) notice.close()
      held.clear()
      notified.clear()
    },
  }
}
