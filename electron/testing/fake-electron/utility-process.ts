// Electron's utilityProcess: the core processes main forks, which a test can message and kill.
import type { ElectronApi, MessagePortMainLike, UtilityProcessLike } from '../../main/electron-api'
import { FakeEmitter } from './emitter'

export class FakeUtilityProcess extends FakeEmitter implements UtilityProcessLike {
  received: { message: unknown; transfer: MessagePortMainLike[] }[] = []
  killed = false
  constructor(
    readonly modulePath: string,
    readonly options: { serviceName: string; env: Record<string, string | undefined> },
  ) {
    super()
  }
  postMessage(message: unknown, transfer: MessagePortMainLike[] = []): void {
    this.received.push({ message, transfer })
  }
  kill(): boolean {
    this.killed = true
    return true
  }
}

export function fakeUtilityProcesses() {
  const forked: FakeUtilityProcess[] = []
  const api: Pick<ElectronApi, 'utilityProcess'> = {
    utilityProcess: {
      fork(modulePath, _args, options) {
        const child = new FakeUtilityProcess(modulePath, options)
        forked.push(child)
        return child
      },
    },
  }
  return { api, controls: { forked } }
}
