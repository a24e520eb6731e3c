import { execFile, type ChildProcess } from 'node:child_process'
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

export interface ServerProcess {
  url: string
  /** Ends the process abruptly, as a crash or pulled plug would. */
  kill(): Promise<void>
}

/** Starts the server as it ships (its production build under plain node) and waits for its "listening" line. */
export async function startServerProcess(port: number, dataDir: string): Promise<ServerProcess> {
  const server = await spawnBuiltServer(['--port', String(port), '--data', dataDir])
  return { url: server.url, kill: () => kill(server.child, server.exited) }
}

async function kill(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  await exited
}
