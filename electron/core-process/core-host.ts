import type { MessageChannelLike } from '../../shared/contract/view-port'
import type { CoreCommand } from '../../shared/contract/commands'
import { mainToCoreSchema } from '../../shared/contract/main-to-core'
import { messagePortChannel, type MessagePortMainLike } from './message-port-channel'

/** The part of `process.parentPort` (utilityProcess) the core host uses. */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown; ports: MessagePortMainLike[] }) => void): unknown
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
  log(message: string): void
}

/** Serves every view port main hands over, and stops serving one when its renderer goes away. */
export function hostCore<Core>({ parentPort, core, serve, reportIdle, execute, log }: CoreHostDeps<Core>): void {
  parentPort.on('message', ({ data, ports }) => {
    const parsed = mainToCoreSchema.safeParse(data)
    if (parsed.success && parsed.data.type !== 'view-port' && ports.length === 0) {
      const message = parsed.data
      void core.then(
        (opened) => (message.type === 'idle' ? reportIdle(opened, message.idleMs) : execute(opened, message.command)),
        () => undefined,
      )
      return
    }
    const port = ports[0]
    if (!parsed.success || parsed.data.type !== 'view-port' || !port || ports.length !== 1) {
      log('core: ignored a message from main that is not a view port, idle report or command')
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
