import { parseTtl } from './auth/tokens'

/** The server's limits and timings: each one a flag (`--max-doc-bytes`) and an env var (`HALLWAY_MAX_DOC_BYTES`). */
export interface ServerTuning {
  /** Messages over this many bytes close the connection with 4413. */
  maxMessageBytes: number
  /** An update that would grow a document's encoded state past this closes with 4413, unapplied. */
  maxDocBytes: number
  /** Queued outgoing bytes after which a connection is cut as a slow consumer. */
  maxBufferedBytes: number
  /** Sync connections one member may hold at once (all devices and documents); more get 4429. */
  maxConnectionsPerUser: number
  /** Per connection, sustained; bursts of two seconds' worth pass. Past it: 4429. */
  maxMessagesPerSecond: number
  maxBytesPerSecond: number
  /** An idle document leaves memory this long after its last connection. */
  unloadAfterMs: number
  /** On SIGTERM, sockets are closed (1012) in shuffled batches spread over this long. */
  drainWindowMs: number
  /** Lifetime of member tokens the server mints (refresh, invites). */
  tokenTtlSeconds: number
  /**
   * An HTTP request's headers, and a JSON body after them, must arrive within this long (408 or
   * cut); a request still incomplete at twice it is cut whatever reads it.
   */
  requestTimeoutMs: number
}

interface Setting {
  flag: string
  min: number
  max: number
  default: number
  /** How to read the text; defaults to a whole number. */
  parse?: (text: string) => number | null
  example: string
}

const MiB = 1024 * 1024

export const TUNING: Record<keyof ServerTuning, Setting> = {
  maxMessageBytes: { flag: 'max-message-bytes', min: 1024, max: 64 * MiB, default: 256 * 1024, example: '262144' },
  maxDocBytes: { flag: 'max-doc-bytes', min: 64 * 1024, max: 1024 * MiB, default: 8 * MiB, example: '8388608' },
  maxBufferedBytes: { flag: 'max-buffered-bytes', min: 64 * 1024, max: 1024 * MiB, default: 8 * MiB, example: '8388608' },
  maxConnectionsPerUser: { flag: 'max-connections-per-user', min: 1, max: 10_000, default: 8, example: '8' },
  maxMessagesPerSecond: { flag: 'max-messages-per-second', min: 1, max: 1_000_000, default: 100, example: '100' },
  maxBytesPerSecond: { flag: 'max-bytes-per-second', min: 1024, max: 1024 * MiB, default: MiB, example: '1048576' },
  unloadAfterMs: { flag: 'unload-after-ms', min: 0, max: 24 * 3600 * 1000, default: 30_000, example: '30000' },
  drainWindowMs: { flag: 'drain-window-ms', min: 0, max: 600_000, default: 5000, example: '5000' },
  requestTimeoutMs: { flag: 'request-timeout-ms', min: 100, max: 300_000, default: 10_000, example: '10000' },
  tokenTtlSeconds: { flag: 'token-ttl', min: 60, max: 366 * 86400, default: 3600, parse: parseTtl, example: '1h' },
}

export const DEFAULT_TUNING = Object.fromEntries(Object.entries(TUNING).map(([key, setting]) => [key, setting.default])) as unknown as ServerTuning

/** The tuning fields of `options` (those not undefined), the defaults for the rest. */
export function tuningWithDefaults(options: Partial<ServerTuning>): ServerTuning {
  const keys = Object.keys(TUNING) as Array<keyof ServerTuning>
  return Object.fromEntries(keys.map((key) => [key, options[key] ?? DEFAULT_TUNING[key]])) as unknown as ServerTuning
}

export function envName(flag: string): string {
  return 'HALLWAY_' + flag.toUpperCase().replace(/-/g, '_')
}

export const TUNING_USAGE = Object.values(TUNING)
  .map((setting) => `[--${setting.flag} ${setting.parse ? 'DURATION' : 'N'}]`)
  .join(' ')

/** Flag first, then env; one clear message naming where the bad value came from. */
export function parseTuning(
  flag: (name: string) => string | undefined,
  env: Record<string, string | undefined>,
): { ok: true; value: ServerTuning } | { ok: false; error: string } {
  const value = { ...DEFAULT_TUNING }
  for (const [key, setting] of Object.entries(TUNING) as Array<[keyof ServerTuning, Setting]>) {
    const fromFlag = flag(setting.flag)
    const source = fromFlag !== undefined ? `--${setting.flag}` : envName(setting.flag)
    const text = fromFlag ?? env[envName(setting.flag)]
    if (text === undefined || (fromFlag === undefined && text === '')) continue
    const parsed = setting.parse ? setting.parse(text) : /^\d+$/.test(text.trim()) ? Number(text.trim()) : null
    if (parsed === null) {
      const kind = setting.parse ? 'a duration like 45s, 30m, 1h or 7d' : 'a whole number'
      return { ok: false, error: `${source} must be ${kind}, for example ${source}${source.startsWith('--') ? ' ' : '='}${setting.example} (got "${text}").` }
    }
    if (parsed < setting.min || parsed > setting.max) {
      return { ok: false, error: `${source} must be between ${setting.min} and ${setting.max}${setting.parse ? ' seconds' : ''} (got ${text}).` }
    }
    value[key] = parsed
  }
  return { ok: true, value }
}
