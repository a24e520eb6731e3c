import type { MessageChannelLike } from '../../shared/contract/view-port'

/** The part of Electron's MessagePortMain a view channel needs. */
export interface MessagePortMainLike {
  postMessage(message: unknown): void
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown
  on(event: 'close', listener: () => void): unknown
  off(event: 'message', listener: (event: { data: unknown }) => void): unknown
  start(): void
  close(): void
}

/**
 * Wraps a MessagePortMain as the core's view channel. Only plain JSON objects cross it (our view
 * contract has no binary fields): typed arrays sent from a renderer's MessagePort to a
 * MessagePortMain have arrived empty (electron#34905).
 */
export function messagePortChannel(port: MessagePortMainLike): MessageChannelLike {
  return {
    post: (message) => port.postMessage(message),
    listen(handler) {
      const onMessage = (event: { data: unknown }) => handler(event.data)
      port.on('message', onMessage)
      port.start()
      return () => port.off('message', onMessage)
    },
  }
}
