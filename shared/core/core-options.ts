import type { LinkPreview } from '../model/discussion'
import type { BackoffPolicy, SocketConstructor } from './jittered-socket'
import type { Device } from './presence'
import type { StoragePort } from './storage-port'

/** What a host gives a core: where the server is, who signs in, and the host's own ports. */
export interface CoreOptions {
  /** http(s)://host:port of the sync server. */
  serverUrl: string
  /** Other nodes of the same server cluster, tried in turn when a connection closes. */
  fallbackServerUrls?: readonly string[]
  token: string
  storage: StoragePort
  /** The host's WebSocket class (browser global, or `ws` in Node). */
  WebSocket: SocketConstructor
  device: Device
  backoff?: Partial<BackoffPolicy>
  compactEvery?: number
  now?: () => number
  newId?: () => string
  /** Defaults to GET /api/unfurl on the sync server with this core's token. */
  fetchPreview?: (url: string) => Promise<LinkPreview | null>
  idleAfterMs?: number
  /** How long the line says "connecting" before offline when the server neither admits nor closes (connection-line.ts). */
  admissionWaitMs?: number
  /** Told each refreshed member token, so the host can keep it for the next start. */
  onTokenRefreshed?: (token: string) => void
  /**
   * Rebuild the view at most this often instead of after every change. For hosts nobody watches
   * (the crowd tool): hundreds of cores in one process each deriving a 1,000-member office per
   * peer's awareness change is quadratic work that kept a crowd of 300 from ever coming online.
   */
  viewRefreshMs?: number
}
