/** Structured JSON logs, one object a line, on stderr (stdout is reserved for results). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogFields = Record<string, unknown>

export interface Logger {
  debug(msg: string, fields?: LogFields): void
  info(msg: string, fields?: LogFields): void
  warn(msg: string, fields?: LogFields): void
  error(msg: string, fields?: LogFields): void
  child(fields: LogFields): Logger
}

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export function parseLogLevel(value: string | undefined, fallback: LogLevel = 'info'): LogLevel {
  return value && value in rank ? (value as LogLevel) : fallback
}

function serialise(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack }
  return value
}

const pad = (value: number, digits = 2) => String(value).padStart(digits, '0')

/**
 * What `Date#toISOString` gives, from the UTC getters: toISOString (and toJSON, toUTCString) has
 * V8 read ICU's time-zone data, which pages ~640 KB of the node binary into the server's memory
 * for a UTC timestamp that needs no zone.
 */
export function isoTimestamp(ms: number): string {
  const at = new Date(ms)
  const date = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`
  return `${date}T${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}.${pad(at.getUTCMilliseconds(), 3)}Z`
}

export function createLogger(
  options: { level?: LogLevel; base?: LogFields; write?: (line: string) => void } = {},
): Logger {
  const min = rank[options.level ?? 'info']
  const base = options.base ?? {}
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'))
  const emit = (level: LogLevel, msg: string, fields?: LogFields) => {
    if (rank[level] < min) return
    const record: LogFields = { t: isoTimestamp(Date.now()), level, msg, ...base }
    for (const [key, value] of Object.entries(fields ?? {})) record[key] = serialise(value)
    write(JSON.stringify(record))
  }
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (fields) => createLogger({ level: options.level, base: { ...base, ...fields }, write }),
  }
}

/** For tests and tools that want quiet unless something breaks. */
export const silentLogger: Logger = createLogger({ level: 'error', write: () => {} })
