import type { ElectronApi, NotificationLike, NotificationOptionsLike } from './electron-api'

/** How one kind of news (a knock, an invitation) becomes a notification, and what its buttons do. */
export interface NoticeKind<T> {
  keyOf(item: T): string
  options(item: T): NotificationOptionsLike
  /** A button was pressed: its index in `options(item).actions`. */
  act(item: T, index: number): void
}

/**
 * One notification per item while it lasts, held until it is clicked, answered or closed (a
 * notification nobody references is garbage-collected with its click), and closed when the item
 * ends elsewhere. Items that arrive while this kind is switched off are never shown later, as on
 * the web: the office shows them already.
 */
export function heldNotifications<T>(
  electron: Pick<ElectronApi, 'Notification'>,
  kind: NoticeKind<T>,
  openOffice: () => void,
): { update(items: readonly T[], wanted: boolean): void; close(): void } {
  const held = new Map<string, NotificationLike>()
  /** Every item seen while it lasts: one the person clicked, closed or did not want is not shown again. */
  const seen = new Set<string>()

  const show = (key: string, item: T) => {
    const notice = new electron.Notification(kind.options(item))
    const forget = () => {
      if (held.get(key) === notice) held.delete(key)
    }
    notice.on('click', () => {
      forget()
      openOffice()
    })
    notice.on('action', (_event, index) => {
      forget()
      kind.act(item, index)
    })
    notice.on('close', forget)
    held.set(key, notice)
    notice.show()
  }

  return {
    update(items, wanted) {
      const current = new Map(items.map((item) => [kind.keyOf(item), item]))
      for (const key of seen) if (!current.has(key)) seen.delete(key)
      for (const [key, notice] of held) {
        if (wanted && current.has(key)) continue
        held.delete(key)
        notice.close()
      }
      const canShow = wanted && electron.Notification.isSupported()
      for (const [key, item] of current) {
        if (seen.has(key)) continue
        seen.add(key)
        if (canShow) show(key, item)
      }
    },
    close() {
      for (const notice of held.values()) notice.close()
      held.clear()
      seen.clear()
    },
  }
}
