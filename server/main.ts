import { pathToFileURL } from 'node:url'
import { parseServerConfig } from './config'
import { createLogger } from './observe/log'
import { runKeeper } from './handoff/keeper'
import { ParentLink } from './handoff/parent-link'
import { handleSignals } from './signals'
import { forgetSocketActivation, inheritedListenSocket } from './socket-activation'
import { startServer } from './start'

export { startServer, type RunningServer, type StartOptions } from './start'

/** `npm run server -- ...`: prints one line on stdout once it accepts connections. */
export async function serverMain(): Promise<void> {
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
  const parent = ParentLink.of(process, log)
  if (config.handOver && !parent) {
    runKeeper({
      script: process.argv[1]!,
      args: process.argv.slice(2),
      execArgv: process.execArgv,
      listen: inherited.fd === null ? { port: config.port, host: config.host } : { fd: inherited.fd },
      log,
    })
    return
  }
  const signals = handleSignals(log, { deploys: parent !== null })
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
      ...(parent ? { parent } : {}),
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
  signals.started(server, Math.round(process.uptime() * 1000))
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void serverMain()
}
