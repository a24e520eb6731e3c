import { pathToFileURL } from 'node:url'
import { parseServerConfig } from './config'
import { createLogger } from './observe/log'
import { HAND_OVER_GRACE_MS } from './handoff/hand-over'
import { KeeperLink } from './handoff/keeper-link'
import { runKeeper } from './handoff/keeper'
import { forgetSocketActivation, inheritedListenSocket } from './socket-activation'
import { startServer } from './start'

export { startServer, type RunningServer, type StartOptions } from './start'

/** `npm run server -- ...`: prints one line on stdout once it accepts connections. */
async function main(): Promise<void> {
  const parsed = parseServerConfig(process.argv.slice(2), process.env)
  if (!parsed.ok) {
    process.stderr.write(`hallway server: ${parsed.error}\n`)
    process.exit(2)
  }
  const inherited = inheritedListenSocket(process.env, process.pid)
  if (!inherited.ok) {
    process.stderr.write(`hallway server: ${inherited.error}\n`)
    process.exit(2)
  }
  forgetSocketActivation(process.env)
  const config = parsed.config
  const log = createLogger({ level: config.logLevel })
  const keeper = KeeperLink.of(process, log)
  if (config.handOver && !keeper) {
    runKeeper({
      script: process.argv[1]!,
      args: process.argv.slice(2),
      execArgv: process.execArgv,
      listen: inherited.fd === null ? { port: config.port, host: config.host } : { fd: inherited.fd },
      log,
    })
    return
  }
  let server
  try {
    server = await startServer({
      dataDir: config.dataDir,
      port: config.port,
      host: config.host,
      ...(inherited.fd === null ? {} : { listenFd: inherited.fd }),
      ...config.tuning,
      livekit: config.livekit,
      scaleOut: config.scaleOut,
      logger: log,
      // Present when node runs with --expose-gc, as SERVER_NODE_FLAGS ship it. (Exposing it from
      // here instead, through a new vm context, costs that context: 2 MB of idle RSS.)
      idleFullGc: globalThis.gc,
      ...(keeper ? { keeper } : {}),
    })
  } catch (error) {
    process.stderr.write(`hallway server: ${(error as Error).message}\n`)
    process.exit(1)
  }
  process.stdout.write(`hallway server listening on ${server.url}\n`)
  // From this process's start (node, modules, store) to listening: about what its successor after
  // a deploy will take once this one has exited. Each 1012 names the rest of the drain plus this,
  // so members do not retry into a closed port, nor pile up in a held socket's queue to meet the
  // successor all at once. process.uptime, not performance.now(): the first
  // read of `performance` loads perf_hooks (~0.6 MB of RSS in an idle server).
  const restartMs = Math.round(process.uptime() * 1000)

  const running = server
  let stopping = false
  keeper?.onHandOver(() => {
    if (stopping) return
    stopping = true
    running.handOver().then(
      // Members closed instead (1012) have a grace to answer, as in a drain: the exit must not reset them.
      (done) => setTimeout(() => process.exit(0), done.reconnecting > 0 ? HAND_OVER_GRACE_MS : 0),
      (error) => {
        log.error('hand-over failed', { error })
        process.exit(1)
      },
    )
  })
  // Supervisors often signal the whole process group, and wrappers relay what they receive: a
  // second SIGTERM must not cut the drain short (only the drain window's end, or SIGKILL, does).
  const stop = (signal: string) => {
    if (stopping) {
      log.info('signal received while draining; the drain goes on', { signal })
      return
    }
    stopping = true
    log.info('signal received', { signal })
    running.close({ restartMs }).then(
      () => process.exit(0),
      (error) => {
        log.error('shutdown failed', { error })
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main()
}
