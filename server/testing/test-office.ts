/** A real server on a fresh team, with real cores joining it: the set-up of the core's network tests. Not shipped code. */
import { afterAll, afterEach } from 'vitest'
import type { PresenceCore } from '../../shared/core/engine'
import { MemoryStorage, type StoragePort } from '../../shared/core/storage-port'
import type { Role } from '../../shared/model/schema'
import type { RunningServer, StartOptions } from '../start'
import { createTestTeam, openCore, removeTempDirs, startTestServer, tempDir, tokenFor } from './harness'
import { pausableProxy, type PausableProxy } from './pausable-proxy'

export interface JoinOptions {
  device?: 'desktop' | 'web' | 'bot'
  role?: Role
  /** The device's own storage: a later join with the same storage reopens the same device. */
  storage?: StoragePort
  /** Reach the server through the office's pausable proxy (`proxy()`), so the test can pause or cut this member's network. */
  viaProxy?: boolean
}

export interface TestOffice {
  dir: string
  teamId: string
  /** The server running now: a new one after `restartServer()`. */
  readonly server: RunningServer
  /** Opens a real core for the user (several calls with one user = several devices) and syncs it. */
  join(user: string, options?: JoinOptions): Promise<PresenceCore>
  /** One proxy to the server for the members who join `viaProxy`; it outlives a restart (same port). */
  proxy(): Promise<PausableProxy>
  stopServer(): Promise<void>
  /** A new server on the same port and data, after `stopServer()`. */
  restartServer(): Promise<void>
  /** Closes every core it opened, then the proxy, then the server. */
  close(): Promise<void>
}

export async function startTestOffice(options: Partial<StartOptions> = {}): Promise<TestOffice> {
  const dir = tempDir()
  const teamId = await createTestTeam(dir, 'Acme')
  let server: RunningServer | null = await startTestServer(dir, options)
  const port = server.port
  const cores: PresenceCore[] = []
  let proxy: Promise<PausableProxy> | null = null
  const running = () => {
    if (!server) throw new Error('The test server is stopped: restartServer() first.')
    return server
  }
  const office: TestOffice = {
    dir,
    teamId,
    get server() {
      return running()
    },
    proxy: () => (proxy ??= pausableProxy(port)),
    async join(user, { device = 'desktop', role = 'member', storage = new MemoryStorage(), viaProxy = false } = {}) {
      const url = viaProxy ? (await office.proxy()).url : running().url
      const core = await openCore(url, await tokenFor(dir, teamId, user, role), storage, device)
      cores.push(core)
      await core.whenSynced()
      return core
    },
    async stopServer() {
      await running().close()
      server = null
    },
    async restartServer() {
      if (server) throw new Error('The test server is running: stopServer() first.')
      server = await startTestServer(dir, { ...options, port })
    },
    async close() {
      await Promise.all(cores.splice(0).map((core) => core.close()))
      await (await proxy)?.close()
      await server?.close()
      server = null
    },
  }
  return office
}

/**
 * For a test file: the offices a test starts are closed after it, and the temp dirs after the file.
 * Call once at the file's top level; use what it returns in place of `startTestOffice`.
 */
export function officesClosedAfterEach(): (options?: Partial<StartOptions>) => Promise<TestOffice> {
  const offices: TestOffice[] = []
  afterEach(async () => {
    await Promise.all(offices.splice(0).map((office) => office.close()))
  })
  afterAll(removeTempDirs)
  return async (options) => {
    const office = await startTestOffice(options)
    offices.push(office)
    return office
  }
}
