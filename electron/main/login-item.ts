// hallway:get-start-at-login / hallway:set-start-at-login: the opt-in "start Hallway when I log in".
import { z } from 'zod'
import type { StartAtLogin } from '../../shared/contract/electron-bridge-answers'
import { IpcChannel } from '../../shared/contract/ipc-channels'
import { isTrustedFrame } from './core-port-broker'
import type { ElectronApi, IpcMainEventLike } from './electron-api'

const getArgs = z.tuple([])
const setArgs = z.tuple([z.boolean()])

/** Electron's login items exist on macOS and Windows only; elsewhere the setting is not offered. */
const SUPPORTED: readonly string[] = ['darwin', 'win32']

export function answerStartAtLogin(
  electron: Pick<ElectronApi, 'app' | 'ipcMain'>,
  options: { platform: string; trustedOrigins: readonly string[]; log(message: string): void },
): void {
  const supported = SUPPORTED.includes(options.platform)
  const current = (): StartAtLogin => ({ supported, on: supported && electron.app.getLoginItemSettings().openAtLogin })
  const refuse = (channel: string, event: IpcMainEventLike, why: string) => {
    options.log(`main: refused ${channel} from ${event.senderFrame?.url ?? 'a destroyed frame'}: ${why}`)
    throw new Error(`Hallway could not change this setting: ${why}.`)
  }

  electron.ipcMain.handle(IpcChannel.getStartAtLogin, (event, ...args) => {
    if (!isTrustedFrame(event.senderFrame, options.trustedOrigins) || !getArgs.safeParse(args).success) {
      return refuse(IpcChannel.getStartAtLogin, event, 'not asked by a Hallway page')
    }
    return current()
  })
  electron.ipcMain.handle(IpcChannel.setStartAtLogin, (event, ...args) => {
    if (!isTrustedFrame(event.senderFrame, options.trustedOrigins)) return refuse(IpcChannel.setStartAtLogin, event, 'not asked by a Hallway page')
    const parsed = setArgs.safeParse(args)
    if (!parsed.success) return refuse(IpcChannel.setStartAtLogin, event, 'the request was not one on/off choice')
    if (!supported) return refuse(IpcChannel.setStartAtLogin, event, 'this system has no login items')
    electron.app.setLoginItemSettings({ openAtLogin: parsed.data[0] })
    return current()
  })
}
