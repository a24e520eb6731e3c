// The servers under test, each in its own process so its CPU and memory are its own:
// ours (its production build, out/server/main.js under plain node) and the reference @y/websocket-server 0.1.1 (its bin, server.js).
import { appendFileSync } from 'node:fs'
import { spawn, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { SERVER_NODE_FLAGS, builtServerEntry, ensureServerBuild } from '../../scripts/server-build'
import { socketActivated, type HeldSocket } from '../../server/testing/held-socket'

export type ServerKind = 'ours' | 'reference'

export interface ServerProcess {
  kind: ServerKind
  pid: number
  /** Base URL for WebsocketProvider: ws://127.0.0.1:PORT/sync */
  syncUrl: string
  /** Lines the server wrote to stderr (its logs) so far. */
  readonly logLines: number
  stop(): Promise<void>
}

const HOST = '127.0.0.1'
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
const READY = /hallway server listening on|running at/

export interface StartServerOptions {
  /** Ours only: its --data directory. */
  dataDir: string
  /** Ours only (the reference has no clean exit on SIGTERM): write a V8 CPU profile here when it exits. */
  cpuProfileDir?: string
  /** Ours only: run the TypeScript sources under tsx, as `npm run server` did before the build. */
  fromSources?: boolean
  /** Ours only: flags for node itself (V8 heap settings); the ones we ship with when absent. */
  nodeFlags?: readonly string[]
  /** Ours only: another build's main.js (a copy of out/server made before a change), to run beside this one. */
  entry?: string
  /** A port to listen on (a restart on the same address); any free one when absent. */
  port?: number
  /** Both kinds: SIGUSR2 runs a full GC in the server (fullGcRss), for memory figures without garbage. */
  gcOnSignal?: boolean
  /** Ours only: listen on this socket, handed over as systemd's .socket unit does (port is then ignored). */
  heldSocket?: HeldSocket
  /** Ours only: `--hand-over` (a keeper, the server its worker). */
  handOver?: boolean
}

const GC_ON_SIGNAL = ['--expose-gc', '--import', pathToFileURL(join(import.meta.dirname, 'gc-on-signal.mjs')).href]

export async function startServerProcess(kind: ServerKind, options: StartServerOptions): Promise<ServerProcess> {
  const port = options.heldSocket?.port ?? options.port ?? (await freePort())
  // Sampled every 250 µs (node's default is 1 ms): an admission costs well under a millisecond.
  const profile = kind === 'ours' && options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-interval', '250', '--cpu-prof-dir', options.cpuProfileDir] : []
  // The bench needs no graceful drain on stop: no drain window.
  if (kind === 'ours' && !options.fromSources && !options.entry) await ensureServerBuild()
  const gc = options.gcOnSignal ? GC_ON_SIGNAL : []
  const entry = [...gc, ...(options.nodeFlags ?? SERVER_NODE_FLAGS), ...(options.fromSources ? ['--import', 'tsx', 'server/main.ts'] : [options.entry ?? builtServerEntry])]
  const ours = [...entry, '--host', HOST, '--port', String(port), '--data', options.dataDir, '--drain-window-ms', '0', ...(options.handOver ? ['--hand-over'] : [])]
  const activated = options.heldSocket ? socketActivated([...profile, ...ours]) : null
  const child =
    kind === 'ours'
      ? activated
        ? spawn(activated.command, activated.args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe', options.heldSocket!.fd] })
        : spawn(process.execPath, [...profile, ...ours], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(process.execPath, [...gc, referenceServerScript()], {
          cwd: REPO_ROOT,
          env: { ...process.env, HOST, PORT: String(port) },
          stdio: ['ignore', 'pipe', 'pipe'],
        })
  let logLines = 0
  let stderrTail = ''
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) logLines++
    stderrTail = (stderrTail + chunk).slice(-2000)
    if (process.env.BENCH_SERVER_LOG) appendFileSync(process.env.BENCH_SERVER_LOG, chunk)
  })
  await ready(child, () => stderrTail)
  return {
    kind,
    pid: child.pid!,
    syncUrl: `ws://${HOST}:${port}/sync`,
    get logLines() {
      return logLines
    },
    stop: () => stop(child),
  }
}

function referenceServerScript(): string {
  const pkg = createRequire(import.meta.url).resolve('@y/websocket-server/package.json')
  return join(dirname(pkg), 'src', 'server.js')
}

function ready(child: ChildProcess, stderrTail: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    let stdout = ''
    const onStdout = (chunk: string) => {
      stdout += chunk
      if (!READY.test(stdout)) return
      done()
      resolve()
    }
    const onExit = (code: number | null) => fail(new Error(`server exited with ${code} before listening`))
    const timer = setTimeout(() => fail(new Error('server did not start within 30 s')), 30_000)
    const done = () => {
      clearTimeout(timer)
      child.stdout!.off('data', onStdout).resume()
      child.off('exit', onExit)
    }
    const fail = (error: Error) => {
      done()
      child.kill('SIGKILL')
      reject(new Error(`${error.message}\n${stderrTail()}`))
    }
    child.stdout!.setEncoding('utf8').on('data', onStdout)
    child.once('exit', onExit)
  })
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000)
  await exited
  clearTimeout(killer)
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, HOST, () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}
