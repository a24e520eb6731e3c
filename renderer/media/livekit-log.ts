// Routes every livekit-client log line through livekitLogLevel (livekit-log-policy.ts). Its loggers
// are loglevel loggers: each method is built by the logger's methodFactory, which loglevel lets a
// plugin replace. setLogExtension cannot do this (it still prints every line at its own level), and
// setLogLevel would hide real errors with the known ones.
import { getLogger, LoggerNames, LogLevel, type ConnectionState } from 'livekit-client'
import { livekitLogLevel, type LivekitLogMethod } from './livekit-log-policy'

let installed = false

/** Once per page, where it creates its Room; `roomState` reads that Room's state at each line. */
export function routeLivekitLogs(roomState: () => `${ConnectionState}`): void {
  if (installed) return
  installed = true
  for (const name of Object.values(LoggerNames)) {
    const logger = getLogger(name)
    const build = logger.methodFactory
    logger.methodFactory = (method, level, loggerName) => {
      const own = build(method, level, loggerName)
      if (method !== 'warn' && method !== 'error') return own
      // A lowered line still respects the logger's level: at 'warn' or above it is not printed.
      const asInfo = level <= LogLevel.info ? build('info', level, loggerName) : () => {}
      const shown: Partial<Record<LivekitLogMethod, typeof own>> = { [method]: own, info: asInfo }
      return (...args: unknown[]) => {
        const at = livekitLogLevel({ method, message: args[0], context: args[1], roomState: roomState() })
        ;(shown[at] ?? own)(...args)
      }
    }
    // Builds the methods again with the factory above, without storing a level as setLevel would.
    logger.rebuild()
  }
}
