import { parseArgs } from 'node:util'
import { z } from 'zod'
import { parseLogLevel, type LogLevel } from './observe/log'
import { parseScaleOut, type ScaleOutConfig } from './fanout/scale-out-config'
import { TUNING, TUNING_USAGE, parseTuning, type ServerTuning } from './tuning'

/** Settings of `npm run server`, from flags and environment (docs/contract.md, "Commands"). */
export interface ServerConfig {
  host: string
  port: number
  dataDir: string
  livekit: LiveKitConfig | null
  /** `--redis` + `--postgres`: storage in Postgres, fan-out through Redis; null for the embedded SQLite default. */
  scaleOut: ScaleOutConfig | null
  /** Limits and timings, each also settable by env (see tuning.ts). */
  tuning: ServerTuning
  logLevel: LogLevel
  /** `--hand-over`: a keeper process holds the port, and SIGHUP hands every member to a new build without a reconnect. */
  handOver: boolean
}

export interface LiveKitConfig {
  url: string
  apiKey: string
  apiSecret: string
}

export type ConfigResult = { ok: true; config: ServerConfig } | { ok: false; error: string }

export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_PORT = 8787
export const DEFAULT_DATA_DIR = './.hallway'

export const SERVER_USAGE =
  'Usage: npm run server -- [--port N] [--data DIR] [--host H] [--redis URL --postgres URL] ' +
  '[--livekit-url URL --livekit-key KEY --livekit-secret SECRET] [--log-level debug|info|warn|error] [--hand-over] ' +
  TUNING_USAGE

const intInRange = (flag: string, min: number, max: number, example: number) =>
  z
    .string()
    .regex(/^\d+$/, `${flag} must be a whole number, for example ${flag} ${example}.`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${flag} must be between ${min} and ${max}.`)

const hostSchema = z
  .string()
  .min(1, '--host must not be empty.')
  .regex(/^[A-Za-z0-9.:[\]-]+$/, '--host must be a host name or IP address, like 127.0.0.1 or 0.0.0.0 (no scheme, no port).')

const liveKitUrlSchema = z
  .string()
  .refine((value) => /^(wss?|https?):\/\/[^\s/]+/.test(value), 'The LiveKit URL must start with ws://, wss://, http:// or https://, for example ws://127.0.0.1:7880.')

function firstError(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'Invalid setting.'
}

export function parseServerConfig(argv: readonly string[], env: Record<string, string | undefined>): ConfigResult {
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        data: { type: 'string' },
        host: { type: 'string' },
        redis: { type: 'string' },
        postgres: { type: 'string' },
        'livekit-url': { type: 'string' },
        'livekit-key': { type: 'string' },
        'livekit-secret': { type: 'string' },
        ...Object.fromEntries(Object.values(TUNING).map((setting) => [setting.flag, { type: 'string' as const }])),
        'log-level': { type: 'string' },
        'hand-over': { type: 'boolean' },
      },
    }).values
  } catch (error) {
    return { ok: false, error: `${(error as Error).message}\n${SERVER_USAGE}` }
  }
  const str = (key: string): string | undefined => {
    const value = values[key]
    return typeof value === 'string' ? value : undefined
  }

  const scaleOut = parseScaleOut(str('redis'), str('postgres'), env)
  if (!scaleOut.ok) return scaleOut

  const port = intInRange('--port', 0, 65535, DEFAULT_PORT).safeParse(str('port') ?? String(DEFAULT_PORT))
  if (!port.success) return { ok: false, error: firstError(port.error) }
  const host = hostSchema.safeParse(str('host') ?? DEFAULT_HOST)
  if (!host.success) return { ok: false, error: firstError(host.error) }
  const dataDir = str('data') ?? DEFAULT_DATA_DIR
  if (dataDir.trim() === '') return { ok: false, error: '--data must name a directory, for example --data ./.hallway.' }
  const tuning = parseTuning(str, env)
  if (!tuning.ok) return tuning
  const logLevelRaw = str('log-level') ?? env.HALLWAY_LOG_LEVEL
  if (logLevelRaw !== undefined && parseLogLevel(logLevelRaw, 'debug') !== logLevelRaw) {
    return { ok: false, error: `--log-level must be one of debug, info, warn, error (got "${logLevelRaw}").` }
  }

  const livekit = parseLiveKit({
    url: str('livekit-url') ?? env.LIVEKIT_URL,
    apiKey: str('livekit-key') ?? env.LIVEKIT_API_KEY,
    apiSecret: str('livekit-secret') ?? env.LIVEKIT_API_SECRET,
  })
  if (!livekit.ok) return livekit

  return {
    ok: true,
    config: {
      host: host.data,
      port: port.data,
      dataDir,
      livekit: livekit.value,
      scaleOut: scaleOut.value,
      tuning: tuning.value,
      logLevel: parseLogLevel(logLevelRaw),
      handOver: values['hand-over'] === true,
    },
  }
}

function parseLiveKit(raw: {
  url?: string
  apiKey?: string
  apiSecret?: string
}): { ok: true; value: LiveKitConfig | null } | { ok: false; error: string } {
  const given = [raw.url, raw.apiKey, raw.apiSecret].filter((v) => v !== undefined && v !== '')
  if (given.length === 0) return { ok: true, value: null }
  if (!raw.url || !raw.apiKey || !raw.apiSecret) {
    return {
      ok: false,
      error:
        'LiveKit needs all three settings: --livekit-url, --livekit-key and --livekit-secret ' +
        '(or LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET). Set all of them, or none to run without calls.',
    }
  }
  const url = liveKitUrlSchema.safeParse(raw.url)
  if (!url.success) return { ok: false, error: firstError(url.error) }
  return { ok: true, value: { url: raw.url, apiKey: raw.apiKey, apiSecret: raw.apiSecret } }
}
