// hallway:get-mute-shortcut / hallway:set-mute-shortcut: Settings' "Mute or unmute from any app".
import { IpcChannel } from '../../shared/contract/ipc-channels'
import { muteShortcutProblem } from '../../shared/contract/shortcuts'
import { isTrustedFrame } from './core-port-broker'
import type { ElectronApi, IpcMainEventLike } from './electron-api'
import type { MuteShortcut } from './mute-shortcut'

export function answerMuteShortcut(
  electron: Pick<ElectronApi, 'ipcMain'>,
  shortcut: MuteShortcut,
  options: { trustedOrigins: readonly string[]; save(accelerator: string): void; log(message: string): void },
): void {
  const refuse = (channel: string, event: IpcMainEventLike, why: string): never => {
    options.log(`main: refused ${channel} from ${event.senderFrame?.url ?? 'a destroyed frame'}: ${why}`)
    throw new Error(`Hallway could not change the shortcut: ${why}.`)
  }

  electron.ipcMain.handle(IpcChannel.getMuteShortcut, (event, ...args) => {
    if (!isTrustedFrame(event.senderFrame, options.trustedOrigins)) return refuse(IpcChannel.getMuteShortcut, event, 'not asked by a Hallway page')
    if (args.length !== 0) return refuse(IpcChannel.getMuteShortcut, event, 'the request carried arguments')
    return shortcut.state()
  })
  electron.ipcMain.handle(IpcChannel.setMuteShortcut, (event, ...args) => {
    if (!isTrustedFrame(event.senderFrame, options.trustedOrigins)) return refuse(IpcChannel.setMuteShortcut, event, 'not asked by a Hallway page')
    if (args.length !== 1 || muteShortcutProblem(args[0]) !== null) return refuse(IpcChannel.setMuteShortcut, event, 'the request was not one shortcut')
    const before = shortcut.state().accelerator
    const after = shortcut.choose(args[0] as string)
    if (after.taken === null && after.accelerator !== before) options.save(after.accelerator)
    return after
  })
}
