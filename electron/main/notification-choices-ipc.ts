// The office tells main this device's notification switches (they live in the office's storage);
// main shows the desktop's notifications because they outlive the office window and act on the core.
import { z } from 'zod'
import { IpcChannel } from '../../shared/contract/ipc-channels'
import type { NotificationChoices } from '../../shared/contract/notification-choices'
import { notificationChoicesSchema } from '../../shared/contract/notification-choices-schema'
import { acceptIpc } from './accept-ipc'
import type { ElectronApi } from './electron-api'

const choicesArgs = z.tuple([notificationChoicesSchema])

export function answerNotificationChoices(
  electron: Pick<ElectronApi, 'ipcMain'>,
  options: { trustedOrigins: readonly string[]; log(message: string): void; onChoices(choices: NotificationChoices): void },
): void {
  electron.ipcMain.on(IpcChannel.setNotificationChoices, (event, ...args) => {
    const accepted = acceptIpc(IpcChannel.setNotificationChoices, event, args, choicesArgs, options)
    if (accepted) options.onChoices(accepted[0])
  })
}
