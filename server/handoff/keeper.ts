import net from 'node:net'
import { getSystemErrorName } from 'node:util'
import type { Logger } from '../observe/log'
import type { ToWorker } from './handoff-messages'
import { forkWorker, untilReady } from './worker-process'

export interface KeeperOptions {
  /** The server's entry point and its arguments, run as the first worker (each worker starts its own successor). */
  script: string
  args: readonly string[]
  execArgv: readonly string[]
  listen: { port: number; host: string } | { fd: number }
  log: Logger
}

/** How often the keeper looks whether any worker is left. */
const WATCH_MS = 250

/**
 * `npm run server -- --hand-over`: a small process that stays for the service's whole life (the
 * process a supervisor watches and signals) while the server runs beneath it as a worker, in a
 * process group of its own. SIGHUP deploys: the keeper passes it to that group, and the serving
 * worker starts its successor from the build on disk and hands it every member's socket
 * (hand-over.ts) directly, one hop; no member reconnects. A new build that does not start leaves
 * the old one serving. SIGTERM and SIGINT go to the group as SIGTERM: the worker drains as
 * `npm run server` does. The keeper exits once no worker is left.
 */
export function runKeeper(options: KeeperOptions): void {
  const { log } = options
  const listenHandle = bindListenSocket(options.listen)
  if (typeof listenHandle === 'string') {
    process.stderr.write(`hallway server: ${listenHandle}\n`)
    process.exit(1)
  }
  // Its own group, which its successors join: the keeper signals them all at once.
  const first = forkWorker('first', { ...options, detached: true })
  const group = first.pid!
  untilReady(first).then(
    // The keeper's copy stays open, never polled here: the port stays bound for the service's life.
    () => first.send({ kind: 'listen' } satisfies ToWorker, listenHandle as never),
    // It exited: the watch below sees no worker left.
    () => undefined,
  )

  let stopping = false
  const toWorkers = (signal: NodeJS.Signals) => {
    try {
      process.kill(-group, signal)
    } catch {
      // No worker left: the watch below exits.
    }
  }
  process.on('SIGHUP', () => {
    if (!stopping) toWorkers('SIGHUP')
  })
  const stop = () => {
    stopping = true
    toWorkers('SIGTERM')
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  setInterval(() => {
    try {
      process.kill(-group, 0)
    } catch {
      if (!stopping) log.error('every server worker has exited; the keeper exits too')
      process.exit(stopping ? 0 : 1)
    }
  }, WATCH_MS)
}

/**
 * Bound (for a port) or taken over (an inherited descriptor), and never polled here: node's own
 * cluster module makes its shared listening handles this way (net._createServerHandle); a
 * net.Server here would accept connections no one serves.
 */
function bindListenSocket(target: KeeperOptions['listen']): object | string {
  const createServerHandle = (net as unknown as { _createServerHandle(address: string | null, port: number, addressType: number, fd?: number): object | number })._createServerHandle
  const handle = 'fd' in target ? createServerHandle(null, -1, -1, target.fd) : createServerHandle(target.host, target.port, net.isIPv6(target.host) ? 6 : 4)
  if (typeof handle !== 'number') return handle
  const code = getSystemErrorName(handle)
  if ('fd' in target) return `Could not use the inherited socket (fd ${target.fd}): ${code}. It must be an open TCP stream socket (ListenStream=ADDRESS:PORT in the .socket unit).`
  if (code === 'EADDRINUSE') return `Port ${target.port} on ${target.host} is already in use. Stop the other server or pick another --port.`
  return `Could not bind ${target.host}:${target.port}: ${code}.`
}
