import type { RedisFanout } from './redis-fanout'
import type { Logger } from '../observe/log'
import type { Metrics } from '../observe/metrics'
import type { AccessStore } from '../store/access-store'
import type { BlobStore } from '../store/blob-store'
import type { PostgresStore } from '../store/postgres-store'
import type { ScaleOutConfig } from './scale-out-config'

export interface ScaleOutBackend {
  store: PostgresStore
  /** Revocations and invites, shared by every node (the server closes it with the rest). */
  access: AccessStore
  /** Avatar photos, shared by every node. */
  blobs: BlobStore
  /** Token signing secret, shared by every node through Postgres. */
  secret: Uint8Array
  fanout: RedisFanout
}

/** Connects one node to the cluster's Postgres and Redis; nothing is left open if either fails. */
export async function openScaleOut(
  config: ScaleOutConfig,
  options: { log: Logger; metrics: Metrics; compactAfter?: number; maxAwarenessEntryBytes: number },
): Promise<ScaleOutBackend> {
  // Loaded here only: the embedded default starts without pg and ioredis (ioredis alone takes ~0.7 s).
  const [{ PostgresStore }, { PostgresAccessStore }, { PostgresBlobStore }, { RedisFanout }] = await Promise.all([
    import('../store/postgres-store'),
    import('../store/postgres-access-store'),
    import('../store/postgres-blob-store'),
    import('./redis-fanout'),
  ])
  const store = await PostgresStore.open(config.postgresUrl, { log: options.log, compactAfter: options.compactAfter })
  const opened: Array<{ close(): Promise<void> }> = [store]
  try {
    const access = await PostgresAccessStore.open(config.postgresUrl, { log: options.log })
    opened.push(access)
    const blobs = await PostgresBlobStore.open(config.postgresUrl, { log: options.log })
    opened.push(blobs)
    const secret = await store.signingSecret()
    const fanout = await RedisFanout.start({
      redisUrl: config.redisUrl,
      log: options.log,
      metrics: options.metrics,
      maxAwarenessEntryBytes: options.maxAwarenessEntryBytes,
      heartbeatTtlMs: config.heartbeatTtlMs,
      streamMaxLength: config.streamMaxLength,
      presenceDeltas: config.presenceDeltas,
      sharedSecret: secret,
      untaggedHeartbeatWindowMs: config.untaggedHeartbeatWindowMs,
    })
    return { store, access, blobs, secret, fanout }
  } catch (error) {
    await Promise.all(opened.map((resource) => resource.close()))
    throw error
  }
}
