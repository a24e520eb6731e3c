/** A server logger whose lines a test reads back. Not shipped code. */
import { createLogger, type Logger } from '../observe/log'

export interface LogLine {
  msg: string
  error?: { message?: string }
}

export function capturedLogger(): { logger: Logger; logs: LogLine[] } {
  const logs: LogLine[] = []
  const logger = createLogger({ level: 'info', write: (line) => logs.push(JSON.parse(line) as LogLine) })
  return { logger, logs }
}
