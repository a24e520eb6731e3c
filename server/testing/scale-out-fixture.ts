/** One test file's scale-out services, and what its tests open on them, closed in order. Not shipped code. */
import { Redis } from 'ioredis'
import type { WebsocketProvider } from 'y-websocket'
import { teamDocName } from '../../shared/contract/doc-names'
import type { PresenceCore } from '../../shared/core/engine'
import { docStreamKey } from '../fanout/redis-fanout'
import { createCluster, startServices, type TestCluster, type TestServices } from './cluster'
import { openCore, openProvider, rawClient, removeTempDirs, waitFor, type RawClient } from './harness'

/** A cluster's team document, and openers (closed after the test) of clients on any of its nodes. */
export interface ScaleOutOffice {
  c: TestCluster
  docName: string
  /** The document's Redis stream. */
  key: string
  /** An admin's core (every room command is theirs to make), synced. */
  core(url: string, user: string): Promise<PresenceCore>
  /** A stock y-websocket provider, synced. */
  stock(url: string, user: string): Promise<WebsocketProvider>
  /** An open bare socket; `params` go on its URL beside the token. */
  raw(url: string, user: string, params?: Record<string, string>): Promise<RawClient>
}

export interface ScaleOutFixture {
  /** Real redis-server and postgres, once start() has run. */
  readonly services: TestServices
  /** A connection of the test's own to that Redis (opened on first use). */
  readonly redis: Redis
  /** A fresh database with one team (createCluster's options), closed after the test. */
  cluster(options?: Parameters<typeof createCluster>[1]): Promise<TestCluster>
  /** A fresh cluster's team document (createCluster's options) and its openers. */
  office(options?: Parameters<typeof createCluster>[1]): Promise<ScaleOutOffice>
  /** What a test opened, closed after it: raw sockets, then stock providers, then cores, then the clusters. */
  readonly raws: RawClient[]
  readonly providers: WebsocketProvider[]
  readonly cores: PresenceCore[]
  /** For beforeAll. */
  start(): Promise<void>
  /** For afterEach. */
  closeAll(): Promise<void>
  /** For afterAll. */
  stop(): Promise<void>
}

export function scaleOutFixture(): ScaleOutFixture {
  let services: TestServices | null = null
  let redis: Redis | null = null
  const clusters: TestCluster[] = []
  const raws: RawClient[] = []
  const providers: WebsocketProvider[] = []
  const cores: PresenceCore[] = []
  const started = () => {
    if (!services) throw new Error('the scale-out fixture has not started')
    return services
  }
  const cluster = async (options?: Parameters<typeof createCluster>[1]) => {
    const created = await createCluster(started(), options)
    clusters.push(created)
    return created
  }
  return {
    get services() {
      return started()
    },
    get redis() {
      redis ??= new Redis(started().redis.url)
      return redis
    },
    cluster,
    async office(options) {
      const c = await cluster(options)
      const docName = teamDocName(c.teamId)
      return {
        c,
        docName,
        key: docStreamKey(docName),
        async core(url, user) {
          const core = await openCore(url, await c.token(user, 'admin'))
          cores.push(core)
          await core.whenSynced()
          return core
        },
        async stock(url, user) {
          const provider = openProvider(url, docName, await c.token(user))
          providers.push(provider)
          await waitFor(`${user}'s stock provider to sync`, () => provider.synced)
          return provider
        },
        async raw(url, user, params = {}) {
          const raw = rawClient(url, docName, await c.token(user), {}, params)
          raws.push(raw)
          await raw.opened
          return raw
        },
      }
    },
    raws,
    providers,
    cores,
    async start() {
      services = await startServices()
    },
    async closeAll() {
      for (const raw of raws.splice(0)) raw.ws.terminate()
      for (const provider of providers.splice(0)) provider.destroy()
      await Promise.all(cores.splice(0).map((core) => core.close()))
      await Promise.all(clusters.splice(0).map((cluster) => cluster.close()))
    },
    async stop() {
      redis?.disconnect()
      await services?.stop()
      removeTempDirs()
    },
  }
}
