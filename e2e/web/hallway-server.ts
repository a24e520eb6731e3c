import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

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

/** Starts `server/main.ts` as its own process and waits for its "listening" line. */
export function startServerProcess(port: number, dataDir: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...tsx, 'server/main.ts', '--port', String(port), '--data', dataDir], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))

  return new Promise((resolve, reject) => {
    let stdout = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const match = /hallway server listening on (\S+)/.exec(stdout)
      if (match) resolve({ url: match[1]!, kill: () => kill(child, exited) })
    })
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${stderr}`)))
  })
}

async function kill(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  await exited
}
