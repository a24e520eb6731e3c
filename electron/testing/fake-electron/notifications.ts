// Electron's Notification: desktop notifications a test can read, close and press the buttons of.
import type { ElectronApi, NotificationOptionsLike } from '../../main/electron-api'
import { FakeEmitter } from './emitter'
import type { ReadyGate } from './ready-gate'

export class FakeNotification extends FakeEmitter {
  shown = false
  closed = false
  constructor(readonly options: NotificationOptionsLike) {
    super()
  }
  show(): void {
    this.shown = true
  }
  /** As Electron: closing emits 'close'. */
  close(): void {
    if (this.closed) return
    this.closed = true
    this.emit('close')
  }
  /** Plays the person pressing the button at `index` of the notification's actions. */
  press(index: number): void {
    this.emit('action', {}, index)
  }
}

export function fakeNotifications(gate: ReadyGate) {
  const notifications: FakeNotification[] = []
  const api: Pick<ElectronApi, 'Notification'> = {
    Notification: Object.assign(
      class extends FakeNotification {
        constructor(notificationOptions: NotificationOptionsLike) {
          gate.require('Notification')
          super(notificationOptions)
          notifications.push(this)
        }
      },
      { isSupported: () => true },
    ),
  }
  return { api, controls: { notifications } }
}
