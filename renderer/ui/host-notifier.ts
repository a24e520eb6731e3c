/** The host's system notifications (the web's Notification API; the desktop's own, through main). */
export interface HostNotifier {
  /** `tag` identifies the event: a repeat replaces the earlier notification instead of stacking. */
  show(notification: { title: string; body: string; tag: string }): void
}
