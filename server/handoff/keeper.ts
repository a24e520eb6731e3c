import { fork, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import { getSystemErrorName } from 'node:util'
import type { Logger } from '../observe/log'
import { HANDOFF_WORKER_ENV, readWorkerMessage, type WorkerToKeeper } from './handoff-messages'
import { closeHandle } from './native-handle'

export interface KeeperOptions {
  /** The server's entry point, run again for every worker (the build on disk at the time: a deploy replaces it, then signals). */
  script: string
  args: readonly string[]
  execArgv: readonly string[]
  listen: { port: number; host: string } | { fd: number }
  log: Logger
}

/** The listening socket, bound and never accepted on here: only a worker listens on it. */
type ListenHandle = object

/**
 * `npm run server -- --hand-over`: a small process that holds the listening socket and runs the
 * server as its worker. SIGHUP deploys: a new worker starts from the build on disk, the old one
 * hands every member's socket to it through here (hand-over.ts), and no member reconnects. A new
 * build that does not start leaves the old one serving. SIGTERM and SIGINT go to the worker,
 * which drains as `npm run server` does; the keeper exits with it.
 */
export function runKeeper(options: KeeperOptions): void {
  const { log } = options
  const listenHandle = bindListenSocket(options.listen)
  if (typeof listenHandle === 'string') {
    process.stderr.write(`hallway server: ${listenHandle}\n`)
    process.exit(1)
  }
  let current = startWorker(options)
  /** Set from SIGHUP until the successor listens. */
  let successor: ChildProcess | null = null
  let stopping = false
  /** Asked to hand over: its exit is the hand-over's end, not the service's. */
  let retiring: ChildProcess | null = null

  // The keeper lives as long as the worker serving: a supervisor restarts the whole service.
  const watch = (worker: ChildProcess) =>
    worker.on('exit', (code, signal) => {
      if (worker !== current || worker === retiring) return
      if (!stopping) log.error('server worker exited; the keeper exits too', { code, signal })
      process.exit(code ?? 1)
    })
  watch(current)
  whenReady(current, () => current.send({ kind: 'listen' }, listenHandle as never))

  const deploy = () => {
    if (stopping) return
    if (successor) return log.warn('SIGHUP during a hand-over: ignored; send it again once this one is done')
    const next = startWorker(options)
    successor = next
    const started = performance.now()
    let ready = false
    next.once('exit', (code, signal) => {
      if (successor !== next) return
      if (!ready) {
        successor = null
        if (stopping) current.kill('SIGTERM')
        return log.error('the new build exited before it started; the running one keeps serving', { code, signal })
      }
      // The old worker has let go of its members: what it handed is lost with this process.
      log.error('the new build exited during the hand-over; the keeper exits so the supervisor starts the service again', { code, signal })
      process.exit(1)
    })
    whenReady(next, () => {
      ready = true
      const old = current
      const relay = new Relay(next)
      let ended = false
      const handOverEnded = () => {
        if (ended) return
        ended = true
        relay.end(() => {
          next.send({ kind: 'listen' }, listenHandle as never)
          current = next
          successor = null
          watch(next)
          log.info('hand-over done', { ms: Math.round(performance.now() - started) })
          if (stopping) next.kill('SIGTERM')
        })
      }
      old.on('message', (value: unknown, handle: unknown) => {
        const message = readWorkerMessage(value)
        if (!message || message.kind === 'ready' || ended) return closeHandle(handle)
        relay.push(message, handle)
        if (message.kind === 'handed') handOverEnded()
      })
      // An old worker that dies mid-way: the successor takes what came and listens.
      old.once('exit', handOverEnded)
      retiring = old
      old.send({ kind: 'hand-over' })
    })
  }

  process.on('SIGHUP', deploy)
  // During a hand-over the stop waits for it to end, then goes to the new worker.
  const stop = () => {
    stopping = true
    if (successor === null) current.kill('SIGTERM')
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

/** Messages of the old worker to its successor, one at a time (see KeeperLink.send); each socket's copy here is closed once sent. */
class Relay {
  private readonly queue: { message: WorkerToKeeper; handle: unknown }[] = []
  private sending = false
  private then: (() => void) | null = null

  constructor(private readonly to: ChildProcess) {}

  push(message: WorkerToKeeper, handle: unknown): void {
    this.queue.push({ message, handle })
    this.pump()
  }

  /** Runs `then` once everything pushed so far is sent. */
  end(then: () => void): void {
    this.then = then
    this.pump()
  }

  private pump(): void {
    if (this.sending) return
    const next = this.queue.shift()
    if (!next) {
      const then = this.then
      this.then = null
      then?.()
      return
    }
    this.sending = true
    this.to.send(next.message, next.handle as never, {}, () => {
      closeHandle(next.handle)
      this.sending = false
      this.pump()
    })
  }
}

function startWorker(options: KeeperOptions): ChildProcess {
  return fork(options.script, [...options.args], {
    execArgv: [...options.execArgv],
    env: { ...process.env, [HANDOFF_WORKER_ENV]: '1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
}

function whenReady(worker: ChildProcess, then: () => void): void {
  const onMessage = (value: unknown) => {
    if (readWorkerMessage(value)?.kind !== 'ready') return
    worker.off('message', onMessage)
    then()
  }
  worker.on('message', onMessage)
}

/**
 * Bound (and for a port, listened on by the first worker), never polled here: node's own cluster
 * module makes its shared listening handles this way (net._createServerHandle), and a net.Server
 * here would accept connections no one serves.
 */
function bindListenSocket(target: KeeperOptions['listen']): ListenHandle | string {
  const createServerHandle = (net as unknown as { _createServerHandle(address: string | null, port: number, addressType: number, fd?: number): ListenHandle | number })._createServerHandle
  const handle = 'fd' in target ? createServerHandle(null, -1, -1, target.fd) : createServerHandle(target.host, target.port, net.isIPv6(target.host) ? 6 : 4)
  if (typeof handle === 'number') {
    const code = getSystemErrorName(handle)
    if ('fd' in target) return `Could not use the inherited socket (fd ${target.fd}): ${code}. It must be an open TCP stream socket (ListenStream=ADDRESS:PORT in the .socket unit).`
    if (code === 'EADDRINUSE') return `Port ${target.port} on ${target.host} is already in use. Stop the other server or pick another --port.`
    return `Could not bind ${target.host}:${target.port}: ${code}.`
  }
  return handle
}

