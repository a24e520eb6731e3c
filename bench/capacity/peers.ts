// The servers a capacity run compares, each in its own process: ours, @y/websocket-server 0.1.1,
// y-sweet 0.9.1 (when installed) and the bare relay (the floor).
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { HeldSocket } from '../../server/testing/held-socket'
import { freePort, startServerProcess } from '../fanout/server-process'

export type PeerKind = 'ours' | 'reference' | 'y-sweet' | 'floor'

export interface Peer {
  kind: PeerKind
  pid: number
  port: number
  /** Makes the document exist where a server needs that (y-sweet). */
  prepare(docName: string): Promise<void>
  url(docName: string, token: string): string
  /** An HTTP address it answers without work (ours: /readyz), to time how responsive it stays. */
  probeUrl: string
  /** Ours only: its /metrics. */
  metricsUrl?: string
  stop(): Promise<void>
}

const HOST = '127.0.0.1'
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const Y_SWEET_INSTALL = 'cargo install y-sweet --version 0.9.1 --locked --root .cache/y-sweet'

/** .cache/y-sweet/bin/y-sweet, else y-sweet on PATH, else null. */
export function ySweetBinary(): string | null {
  const cached = `${REPO_ROOT}.cache/y-sweet/bin/y-sweet`
  if (existsSync(cached)) return cached
  try {
    return execFileSync('sh', ['-c', 'command -v y-sweet'], { encoding: 'utf8' }).trim() || null
  } catch {
    return null
  }
}

export interface PeerOptions {
  /** Ours only: node's flags when not the ones we ship with. */
  nodeFlags?: readonly string[]
  gcOnSignal?: boolean
  /** Ours only: write a V8 CPU profile here when it exits. */
  cpuProfileDir?: string
  /** Ours only: another build's main.js instead of out/server/main.js. */
  entry?: string
  /** Ours only: the listening socket, held across restarts as systemd's .socket unit holds it. */
  heldSocket?: HeldSocket
  /** Ours only: `--hand-over`, a keeper process with the server as its worker (pid is the keeper's). */
  handOver?: boolean
}

export async function startPeer(kind: PeerKind, dataDir: string, atPort?: number, options: PeerOptions = {}): Promise<Peer> {
  if (kind === 'ours' || kind === 'reference') {
    const server = await startServerProcess(kind, { dataDir, port: atPort, ...options })
    const base = server.syncUrl
    return {
      kind,
      pid: server.pid,
      port: Number(new URL(server.syncUrl).port),
      prepare: async () => {},
      url: (docName, token) => (kind === 'ours' ? `${base}/${docName}?token=${token}` : `${base.replace(/\/sync$/, '')}/${docName}`),
      probeUrl: `${base.replace(/^ws/, 'http').replace(/\/sync$/, '')}${kind === 'ours' ? '/readyz' : '/'}`,
      ...(kind === 'ours' ? { metricsUrl: `${base.replace(/^ws/, 'http').replace(/\/sync$/, '')}/metrics` } : {}),
      stop: () => server.stop(),
    }
  }
  const port = atPort ?? (await freePort())
  const child =
    kind === 'floor'
      ? spawn(process.execPath, ['--import', 'tsx', 'bench/capacity/bare-relay.ts', String(port)], { cwd: REPO_ROOT, stdio: 'ignore' })
      : spawn(ySweetBinary()!, ['serve', '--port', String(port), '--host', HOST], { cwd: REPO_ROOT, stdio: 'ignore' })
  await untilListening(port, child)
  const http = `http://${HOST}:${port}`
  return {
    kind,
    pid: child.pid!,
    port,
    prepare: async (docName) => {
      if (kind !== 'y-sweet') return
      const response = await fetch(`${http}/doc/new`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ docId: ySweetId(docName) }) })
      if (!response.ok) throw new Error(`y-sweet refused doc ${docName}: ${response.status}`)
    },
    url: (docName) => (kind === 'y-sweet' ? `ws://${HOST}:${port}/doc/ws/${ySweetId(docName)}` : `ws://${HOST}:${port}/${docName}`),
    probeUrl: `${http}/`,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGKILL')
      await exited
    },
  }
}

/** y-sweet document ids are URL-safe words. */
function ySweetId(docName: string): string {
  return docName.replace(/[^A-Za-z0-9_-]/g, '-')
}

async function untilListening(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before listening`)
    try {
      await fetch(`http://${HOST}:${port}/`)
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  child.kill('SIGKILL')
  throw new Error('server did not listen within 30 s')
}

/** Pins a process and all its threads to the given cores (Linux taskset). */
export function pin(pid: number, cores: string): void {
  execFileSync('taskset', ['-a', '-p', '-c', cores, String(pid)], { stdio: 'ignore' })
  // A keeper's workers (--hand-over); ones it starts later inherit its cores.
  for (const child of childrenOf(pid)) execFileSync('taskset', ['-a', '-p', '-c', cores, String(child)], { stdio: 'ignore' })
}

/** A process's children, from the kernel's list (none once it has exited). */
export function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
  } catch {
    return []
  }
}
