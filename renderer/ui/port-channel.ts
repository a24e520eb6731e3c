import type { MessageChannelLike } from '../../shared/contract/view-port'

/** The message-port shape shared by MessagePort and a worker's global scope. */
export interface PortLike {
  postMessage(message: unknown): void
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void
  start?(): void
}

/** Wraps a port as the contract's MessageChannelLike; starts it so queued messages flow. */
export function channelFromPort(port: PortLike): MessageChannelLike {
  return {
    post: (message) => port.postMessage(message),
    listen(handler) {
      const listener = (event: MessageEvent) => handler(event.data)
      port.addEventListener('message', listener)
      port.start?.()
      return () => port.removeEventListener('message', listener)
    },
  }
}
