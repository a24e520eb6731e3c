// Electron's ipcMain and MessageChannelMain: what pages send main, and the ports main hands out.
import type { ElectronApi, IpcMainEventLike, MessagePortMainLike } from '../../main/electron-api'
import { FakeEmitter } from './emitter'

export class FakePort implements MessagePortMainLike {
  static created = 0
  readonly id = ++FakePort.created
  posted: unknown[] = []
  postMessage(message: unknown): void {
    this.posted.push(message)
  }
  close(): void {}
}

export function fakeIpc() {
  const ipc = new FakeEmitter()
  const ipcHandlers = new Map<string, (event: IpcMainEventLike, ...args: unknown[]) => unknown>()
  const api: Pick<ElectronApi, 'ipcMain' | 'MessageChannelMain'> = {
    ipcMain: Object.assign(ipc, { handle: (channel: string, listener: (event: IpcMainEventLike, ...args: unknown[]) => unknown) => void ipcHandlers.set(channel, listener) }),
    MessageChannelMain: class {
      port1 = new FakePort()
      port2 = new FakePort()
    },
  }
  return {
    api,
    controls: {
      sendIpc: (channel: string, event: IpcMainEventLike, ...args: unknown[]) => ipc.emit(channel, event, ...args),
      /** Plays ipcRenderer.invoke: resolves with the handler's answer, rejects with what it threw. */
      invokeIpc: async (channel: string, event: IpcMainEventLike, ...args: unknown[]) => ipcHandlers.get(channel)!(event, ...args),
    },
  }
}
