/** Node's listener-leak warning, kept meaningful for processes that open many stock clients. Not shipped code. */

/**
 * Opens a y-websocket provider (or anything that adds one process 'exit' listener until it is
 * destroyed, as WebsocketProvider does) with room for its listener: the limit rises by one while
 * it is open and falls back on destroy, so Node still warns of listeners that outlive their provider.
 */
export function withExitListenerAllowance<T extends { destroy(): void }>(open: () => T): T {
  process.setMaxListeners(process.getMaxListeners() + 1)
  let opened: T
  try {
    opened = open()
  } catch (error) {
    process.setMaxListeners(process.getMaxListeners() - 1)
    throw error
  }
  const destroy = opened.destroy.bind(opened)
  let destroyed = false
  opened.destroy = () => {
    destroy()
    if (!destroyed) process.setMaxListeners(process.getMaxListeners() - 1)
    destroyed = true
  }
  return opened
}
