// The office's side of the updater: it asks to watch the status, to restart, or to change channel.
// Only our own top frames are answered; every argument is checked before it reaches the service.
import { z } from 'zod'
import { IpcChannel } from '../../../shared/contract/ipc-channels'
import { updateChannelSchema } from '../../../shared/contract/updates'
import { acceptIpc } from '../accept-ipc'
import type { ElectronApi, IpcMainEventLike, WebContentsLike } from '../electron-api'
import type { UpdateService } from './update-service'

const noArgs = z.tuple([])
const channelArgs = z.tuple([updateChannelSchema])

export function answerUpdateRequests(
  electron: Pick<ElectronApi, 'ipcMain'>,
  options: { service: UpdateService; trustedOrigins: readonly string[]; log(message: string): void },
): void {
  const { service } = options
  const watchers = new Set<WebContentsLike>()
  service.onStatus((status) => {
    for (const contents of watchers) {
      if (contents.isDestroyed()) watchers.delete(contents)
      else contents.postMessage(IpcChannel.updateStatus, status)
    }
  })

  const accept = <T>(channel: string, event: IpcMainEventLike, args: unknown[], schema: z.ZodType<T>): T | null => acceptIpc(channel, event, args, schema, options)

  electron.ipcMain.on(IpcChannel.watchUpdates, (event, ...args) => {
    if (!accept(IpcChannel.watchUpdates, event, args, noArgs)) return
    if (!watchers.has(event.sender)) {
      watchers.add(event.sender)
      event.sender.once('destroyed', () => watchers.delete(event.sender))
    }
    event.sender.postMessage(IpcChannel.updateStatus, service.status())
  })
  electron.ipcMain.on(IpcChannel.restartToUpdate, (event, ...args) => {
    if (accept(IpcChannel.restartToUpdate, event, args, noArgs)) service.restartNow()
  })
  electron.ipcMain.on(IpcChannel.setUpdateChannel, (event, ...args) => {
    const accepted = accept(IpcChannel.setUpdateChannel, event, args, channelArgs)
    if (accepted) service.setChannel(accepted[0])
  })
}
