import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { spawnBuiltServer } from '../../scripts/server-build'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const tsx = ['--import', 'tsx']

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/** Runs the admin CLI and returns what it printed (its result only). */
export async function hallwayCli(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [...tsx, 'server/cli/hallway.ts', ...args], { cwd: repo })
  return stdout.trim()
}

/** The admin CLI's `crowd` (load-1..load-N online through real sockets) until stopped; resolves once all are online. */
export async function startCrowdProcess(serverUrl: string, dataDir: string, teamId: string, count: number, inRooms = 0): Promise<{ stop(): Promise<void> }> {
  const args = [...tsx, 'server/cli/hallway.ts', 'crowd', '--server', serverUrl, '--data', dataDir, '--team', teamId, '--count', String(count), '--moves-per-second', '0', '--in-rooms', String(inRooms)]
  const child = spawn(process.execPath, args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] })
  const exited = once(child, 'exit').then(() => undefined)
  let output = ''
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes(`crowd online ${count}`)) resolve()
    })
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    void exited.then(() => reject(new Error(`crowd exited before it was online: ${output}`)))
  })
  return {
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}

export interface ServerProcess {
  url: string
  /** Ends the process abruptly, as a crash or pulled plug would. */
  kill(): Promise<void>
  /** SIGTERM, as a deploy or restart sends: the server drains (1012 to everyone over its drain window), then exits. */
  stop(): Promise<void>
}

/** Starts the server as it ships (its production build under plain node) and waits for its "listening" line. */
export async function startServerProcess(port: number, dataDir: string): Promise<ServerProcess> {
  const server = await spawnBuiltServer(['--port', String(port), '--data', dataDir])
  return { url: server.url, kill: () => kill(server.child, server.exited), stop: () => kill(server.child, server.exited, 'SIGTERM') }
}

async function kill(child: ChildProcess, exited: Promise<void>, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal)
  await exited
}
