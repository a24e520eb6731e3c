// hallway:media-config: the media host asks main where to get call tokens and with which member
// token. Only the live media host's top frame on our origin is answered; everyone else is refused.
import { z } from 'zod'
import type { MediaConfig } from '../../shared/contract/electron-bridge-answers'
import { IpcChannel } from '../../shared/contract/ipc-channels'
import { isTrustedFrame } from './core-port-broker'
import type { ElectronApi } from './electron-api'
import type { MediaHost } from './media-host'

const mediaConfigArgs = z.tuple([])

export function answerMediaConfig(
  electron: Pick<ElectronApi, 'ipcMain'>,
  options: { mediaHost: Pick<MediaHost, 'owns'>; trustedOrigins: readonly string[]; config(): MediaConfig; log(message: string): void },
): void {
  electron.ipcMain.handle(IpcChannel.mediaConfig, (event, ...args) => {
    if (!options.mediaHost.owns(event.sender) || !isTrustedFrame(event.senderFrame, options.trustedOrigins) || !mediaConfigArgs.safeParse(args).success) {
      options.log(`main: refused ${IpcChannel.mediaConfig} to ${event.senderFrame?.url ?? 'a destroyed frame'}`)
      throw new Error('Only the media host may ask for the media configuration.')
    }
    return options.config()
  })
}
