// hallway:office-owner: the office asks whose office it shows (server, team, member) so it can
// paint this device's saved view of it before the core's first snapshot. Only our pages are answered.
import { z } from 'zod'
import type { OfficeOwner } from '../../shared/contract/electron-bridge-answers'
import { IpcChannel } from '../../shared/contract/ipc-channels'
import { isTrustedFrame } from './core-port-broker'
import type { ElectronApi } from './electron-api'

const officeOwnerArgs = z.tuple([])

export function answerOfficeOwner(
  electron: Pick<ElectronApi, 'ipcMain'>,
  options: { trustedOrigins: readonly string[]; owner(): OfficeOwner; log(message: string): void },
): void {
  electron.ipcMain.handle(IpcChannel.officeOwner, (event, ...args) => {
    if (!isTrustedFrame(event.senderFrame, options.trustedOrigins) || !officeOwnerArgs.safeParse(args).success) {
      options.log(`main: refused ${IpcChannel.officeOwner} to ${event.senderFrame?.url ?? 'a destroyed frame'}`)
      throw new Error('Only the Hallway office may ask whose office it shows.')
    }
    return options.owner()
  })
}
