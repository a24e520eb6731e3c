import { z } from 'zod'
import type { MainToCore } from '../../shared/contract/main-to-core'
import { IpcChannel } from '../../shared/contract/ipc-channels'
import type { ElectronApi, UtilityProcessLike, WebContentsLike, WebFrameLike } from './electron-api'

/** requestCorePort carries no arguments; anything else is not from our preload. */
const requestCorePortArgs = z.tuple([])

export interface CorePortBrokerOptions {
  /** Origins (scheme://host) whose top-level frames may ask, e.g. app://hallway. */
  trustedOrigins: readonly string[]
  core(): UtilityProcessLike | null
  log(message: string): void
}

export interface CorePortBroker {
  /** Hands every view that has asked before a port to a new core (after a restart). */
  reconnectAll(): void
}

export function isTrustedFrame(frame: WebFrameLike | null, trustedOrigins: readonly string[]): boolean {
  if (!frame || frame.parent !== null) return false
  let url: URL
  try {
    url = new URL(frame.url)
  } catch {
    return false
  }
  // URL.origin is "null" for custom schemes such as app:, so compare scheme and host directly.
  return trustedOrigins.includes(`${url.protocol}//${url.host}`)
}

/**
 * Answers a view's requestCorePort: a fresh MessageChannelMain, one end to the core, the other to
 * the asking renderer. Main only connects the two; it never reads what flows between them.
 */
export function brokerCorePorts(electron: Pick<ElectronApi, 'ipcMain' | 'MessageChannelMain'>, options: CorePortBrokerOptions): CorePortBroker {
  const views = new Map<number, WebContentsLike>()

  const connect = (view: WebContentsLike) => {
    const core = options.core()
    // While the core restarts there is nothing to connect to; reconnectAll() follows the restart.
    if (!core || view.isDestroyed()) return
    const { port1, port2 } = new electron.MessageChannelMain()
    core.postMessage({ type: 'view-port' } satisfies MainToCore, [port1])
    view.postMessage(IpcChannel.corePort, null, [port2])
  }

  electron.ipcMain.on(IpcChannel.requestCorePort, (event, ...args) => {
    if (!isTrustedFrame(event.senderFrame, options.trustedOrigins) || !requestCorePortArgs.safeParse(args).success) {
      options.log(`main: ignored ${IpcChannel.requestCorePort} from ${event.senderFrame?.url ?? 'a destroyed frame'}`)
      return
    }
    const view = event.sender
    if (!views.has(view.id)) {
      views.set(view.id, view)
      view.once('destroyed', () => views.delete(view.id))
    }
    connect(view)
  })

  return { reconnectAll: () => views.forEach(connect) }
}
