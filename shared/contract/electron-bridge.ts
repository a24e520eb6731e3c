/**
 * The Electron preload hands each renderer its core MessagePort with
 * `window.postMessage(CORE_PORT_MESSAGE, '*', [port])`; the renderer takes `event.ports[0]`.
 */
export const CORE_PORT_MESSAGE = 'hallway:core-port'

/** What the preload exposes as `window.hallway` (contextBridge). */
export interface HallwayBridge {
  readonly platform: string
  /** Asks main for a fresh core port; it arrives as a CORE_PORT_MESSAGE window message. */
  requestCorePort(): void
}
