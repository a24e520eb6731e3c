import type { MessageChannelLike } from '../../shared/contract/view-port'
import type { CoreCommand } from '../../shared/contract/commands'
import { mainToCoreSchema, type CoreToMain } from '../../shared/contract/main-to-core'
import { messagePortChannel, type MessagePortMainLike } from './message-port-channel'

/** The part of `process.parentPort` (utilityProcess) the core host uses. */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown; ports: MessagePortMainLike[] }) => void): unknown
  postMessage(message: CoreToMain): void
}

export interface CoreHostDeps<Core> {
  parentPort: ParentPortLike
  /** The opening core; ports that arrive before it is open are served once it is. */
  core: Promise<Core>
  serve(core: Core, channel: MessageChannelLike): () => void
  /** The host's idle signal, passed on to the core. */
  reportIdle(core: Core, idleMs: number): void
  /** A command from main (tray, global shortcut). */
  execute(core: Core, command: CoreCommand): void
  /** The device slept or locked (true), or is back (false). */
  setAway(core: Core, away: boolean): void
  /** The app quits: leave, and resolve once the server and the disk have it. */
  leaveForQuit(core: Core): Promise<void>
  log(message: string): void
}

/** Serves every view port main hands over, and stops serving one when its renderer goes away. */
export function hostCore<Core>({ parentPort, core, serve, reportIdle, execute, setAway, leaveForQuit, log }: CoreHostDeps<Core>): void {
  const quit = async (opened: Core) => {
    try {
      await leaveForQuit(opened)
    } catch (error) {
      log(`core: could not confirm the leave before quitting: ${String(error)}`)
    }
    parentPort.postMessage({ type: 'ready-to-quit' })
  }
  parentPort.on('message', ({ data, ports }) => {
    const parsed = mainToCoreSchema.safeParse(data)
    if (parsed.success && parsed.data.type !== 'view-port' && ports.length === 0) {
      const message = parsed.data
      void core.then(
        (opened) => {
          if (message.type === 'idle') reportIdle(opened, message.idleMs)
          else if (message.type === 'command') execute(opened, message.command)
          else if (message.type === 'quit') void quit(opened)
          else setAway(opened, message.type === 'away')
        },
        // A core that never opened has nothing to leave.
        () => message.type === 'quit' && parentPort.postMessage({ type: 'ready-to-quit' }),
      )
      return
    }
    const port = ports[0]
    if (!parsed.success || parsed.data.type !== 'view-port' || !port || ports.length !== 1) {
      log('core: ignored a message from main that is not a view port, idle report, command, away, back or quit')
      ports.forEach((unused) => unused.close())
      return
    }
    void core.then(
      (opened) => {
        const stop = serve(opened, messagePortChannel(port))
        port.on('close', stop)
      },
      () => port.close(),
    )
  })
}
