import type { RedisFanout } from '../fanout/redis-fanout'
import type { Logger } from '../log'
import type { PostgresStore } from '../store/postgres-store'
import type { ScaleOutConfig } from './config'

export interface ScaleOutBackend {
  store: PostgresStore
  /** Token signing secret, shared by every node through Postgres. */
  secret: Uint8Array
  fanout: RedisFanout
}

/** Connects one node to the cluster's Postgres and Redis; nothing is left open if either fails. */
export async function openScaleOut(config: ScaleOutConfig, options: { log: Logger; compactAfter?: number }): Promise<ScaleOutBackend> {
  // Loaded here only: the embedded default starts without pg and ioredis (ioredis alone takes ~0.7 s).
  const [{ PostgresStore }, { RedisFanout }] = await Promise.all([import('../store/postgres-store'), import('../fanout/redis-fanout')])
  const store = await PostgresStore.open(config.postgresUrl, { log: options.log, compactAfter: options.compactAfter })
  try {
    const secret = await store.signingSecret()
    const fanout = await RedisFanout.start({
      redisUrl: config.redisUrl,
      log: options.log,
      heartbeatTtlMs: config.heartbeatTtlMs,
      streamMaxLength: config.streamMaxLength,
    })
    return { store, secret, fanout }
  } catch (error) {
    await store.close()
    throw error
  }
}
