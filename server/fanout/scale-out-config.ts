export const DEFAULT_HEARTBEAT_TTL_MS = 15_000
export const DEFAULT_STREAM_MAX_LENGTH = 1000
/** A day: the upgrade window is for a rollout, not a setting to leave on (a forged untagged heartbeat keeps a dead node up within it). */
const MAX_UNTAGGED_HEARTBEAT_WINDOW_MS = 86_400_000

/** `--redis URL --postgres URL`: several nodes share Postgres storage and fan out through Redis. */
export interface ScaleOutConfig {
  redisUrl: string
  postgresUrl: string
  /** A node whose heartbeat is this old counts as dead (env HALLWAY_NODE_TTL_MS). */
  heartbeatTtlMs: number
  /** Approximate entries kept per document stream (env HALLWAY_STREAM_MAX_LENGTH). */
  streamMaxLength: number
  /**
   * Presence goes between nodes as deltas (env HALLWAY_FANOUT_PRESENCE=delta, the default) or as
   * whole states (`whole`): nodes that predate deltas skip them, so a rolling upgrade from such a
   * version runs `whole` until every node reads them.
   */
  presenceDeltas: boolean
  /**
   * A rolling upgrade from nodes that predate heartbeat tags: for this long after a node starts,
   * their untagged heartbeats keep them alive on it (env HALLWAY_UNTAGGED_HEARTBEAT_WINDOW_MS,
   * default 0: never; see server/README.md).
   */
  untaggedHeartbeatWindowMs: number
}

type Parsed = { ok: true; value: ScaleOutConfig | null } | { ok: false; error: string }

/** Both flags or neither: Postgres without Redis would let nodes drift apart unseen. */
export function parseScaleOut(redis: string | undefined, postgres: string | undefined, env: Record<string, string | undefined>): Parsed {
  if (redis === undefined && postgres === undefined) return { ok: true, value: null }
  if (redis === undefined || postgres === undefined) {
    return {
      ok: false,
      error: `Scale-out needs both --redis URL and --postgres URL (got only ${redis === undefined ? '--postgres' : '--redis'}). Leave both out for the embedded SQLite store in --data DIR.`,
    }
  }
  if (!/^rediss?:\/\/[^\s/]+/.test(redis)) return { ok: false, error: '--redis must be a redis:// or rediss:// URL, for example --redis redis://127.0.0.1:6379.' }
  const postgresError = postgresUrlError(postgres)
  if (postgresError) return { ok: false, error: postgresError }
  const heartbeatTtlMs = wholeNumber(env, 'HALLWAY_NODE_TTL_MS', DEFAULT_HEARTBEAT_TTL_MS, 300, 600_000)
  if (typeof heartbeatTtlMs === 'string') return { ok: false, error: heartbeatTtlMs }
  const streamMaxLength = wholeNumber(env, 'HALLWAY_STREAM_MAX_LENGTH', DEFAULT_STREAM_MAX_LENGTH, 100, 10_000_000)
  if (typeof streamMaxLength === 'string') return { ok: false, error: streamMaxLength }
  const untaggedHeartbeatWindowMs = wholeNumber(env, 'HALLWAY_UNTAGGED_HEARTBEAT_WINDOW_MS', 0, 0, MAX_UNTAGGED_HEARTBEAT_WINDOW_MS)
  if (typeof untaggedHeartbeatWindowMs === 'string') return { ok: false, error: untaggedHeartbeatWindowMs }
  const presence = env.HALLWAY_FANOUT_PRESENCE?.trim() || 'delta'
  if (presence !== 'delta' && presence !== 'whole') return { ok: false, error: `HALLWAY_FANOUT_PRESENCE must be delta or whole (got "${presence}").` }
  return { ok: true, value: { redisUrl: redis, postgresUrl: postgres, heartbeatTtlMs, streamMaxLength, presenceDeltas: presence === 'delta', untaggedHeartbeatWindowMs } }
}

/** The server and the CLI accept the same --postgres URLs. */
export function postgresUrlError(url: string): string | null {
  return /^postgres(ql)?:\/\/\S+$/.test(url) ? null : '--postgres must be a postgres:// URL, for example --postgres postgres://hallway@127.0.0.1:5432/hallway.'
}

/** The number, or the error message. */
function wholeNumber(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number | string {
  const text = env[name]
  if (text === undefined || text === '') return fallback
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN
  if (!(value >= min && value <= max)) return `${name} must be a whole number from ${min} to ${max} (got "${text}").`
  return value
}
