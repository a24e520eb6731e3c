import { PresenceCore } from '../../shared/core/engine'
import type { SocketConstructor } from '../../shared/core/jittered-socket'
import { serveViewPort } from '../../shared/core/view-port'
import { channelFromPort } from '../ui/port-channel'
import { IndexedDbStorage } from './indexeddb-storage'
import { bootMessageSchema, type WorkerMessage } from '../../shared/contract/worker-protocol'

/**
 * The web host's core: the team replica lives here, off the page's thread, persisted to
 * IndexedDB. The page sends one boot message carrying the view port; the core opens from disk
 * first, so the last known office shows at once even when the server is down.
 */
self.addEventListener(
  'message',
  async (event: MessageEvent) => {
    const boot = bootMessageSchema.safeParse(event.data)
    const port = event.ports[0]
    if (!boot.success || !port) return
    try {
      const core = await PresenceCore.open({
        serverUrl: boot.data.serverUrl,
        token: boot.data.token,
        storage: new IndexedDbStorage(),
        WebSocket: self.WebSocket as unknown as SocketConstructor,
        device: 'web',
        onTokenRefreshed: (token) => self.postMessage({ type: 'token', token } satisfies WorkerMessage),
      })
      serveViewPort(core, channelFromPort(port))
      // The server creates a new member's profile on first connection: write the chosen one after it.
      const profile = boot.data.profile
      if (profile) void core.whenSynced().then(() => core.execute({ type: 'updateProfile', patch: profile }))
      self.postMessage({ type: 'booted' } satisfies WorkerMessage)
    } catch (error) {
      self.postMessage({ type: 'boot-failed', error: (error as Error).message } satisfies WorkerMessage)
    }
  },
  { once: true },
)
