// Keeps out/server/main.js (the production build of the sync server) up to date: `npm run server`
// and `npm start` run it under plain `node`, building it first when it is missing or older than
// the sources it is made from.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'vite'

const repo = resolve(new URL('..', import.meta.url).pathname)
export const builtServerEntry = join(repo, 'out/server/main.js')

/**
 * Node flags every way we ship runs the built server with (`npm run server`, `npm start`, the
 * README's systemd unit; a test keeps them in step). V8 lets its young generation grow to 16 MB
 * per semi-space under an allocation burst such as 500 members joining, and keeps it: that was
 * half of the server's RSS per connection (44 KB → 23 KB at 2 MB). At 1 MB (V8's smallest) the
 * young generation is 2 MB where 2 MB semi-spaces made it 4 MB, idle and loaded (~1.1 MB idle,
 * ~3.5 KB per member at 500). These must be command-line flags: V8 reads them once, when the
 * heap is made. `--v8-pool-size=1`: a node gets one core (bench/capacity pins it to one), where
 * helper threads only take turns with the main thread; three fewer threads (~0.25 MB idle). Not
 * `--single-threaded-gc`: it saved nothing measurable beside that (15.7 against 15.3 KB per member)
 * and puts all of a full collection's marking into the pause (an idle GC's 25–39 ms became
 * 59–70 ms), which a delivery waits out. `--expose-gc` gives the server the full collection it runs when it has
 * started and when it has time to spare and its heap grew (server/observe/idle-gc.ts);
 * `--compact-on-every-full-gc` makes full collections give the pages they free back (without it
 * the garbage of a join wave stays resident, scattered over the pages V8 keeps; one scratch run at
 * 500 members: 26 → 20 KB per member). V8's own full collections come at its heap limits, rarely.
 * `npm run bench -- serverMemory` measures each against the flags shipped before, with their CPU
 * price.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1', '--v8-pool-size=1', '--expose-gc', '--compact-on-every-full-gc']
const sourceRoots = ['server', 'shared'].map((folder) => join(repo, folder))
const buildInputs = ['package.json', 'vite.server.config.ts'].map((file) => join(repo, file))

function newestSourceTime(): number {
  let newest = Math.max(...buildInputs.map((file) => statSync(file).mtimeMs))
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs)
    }
  }
  sourceRoots.forEach(walk)
  return newest
}

/** True when the build is missing or a server/shared source changed since it was made. */
export function serverBuildIsStale(): boolean {
  return !existsSync(builtServerEntry) || statSync(builtServerEntry).mtimeMs < newestSourceTime()
}

/** Builds the server when stale; `say` hears one line when it does. */
export async function ensureServerBuild(say: (line: string) => void = () => undefined): Promise<void> {
  if (!serverBuildIsStale()) return
  say('building the sync server (out/server)…')
  await build({ configFile: join(repo, 'vite.server.config.ts'), logLevel: 'warn' })
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await ensureServerBuild((line) => process.stderr.write(`[hallway] ${line}\n`))
}

export interface BuiltServerProcess {
  url: string
  child: ChildProcess
  /** Resolves once the process has exited. */
  exited: Promise<void>
}

/**
 * Runs the built server (building it first when stale) with `args`, and resolves with its URL
 * once it prints its "listening" line; rejects with its stderr when it exits before that.
 * `onStderr` sees its log lines as they come.
 */
export async function spawnBuiltServer(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; onStderr?: (chunk: string) => void } = {},
): Promise<BuiltServerProcess> {
  await ensureServerBuild()
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, builtServerEntry, ...args], { cwd: repo, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000)
    options.onStderr?.(chunk)
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return new Promise((resolve, reject) => {
    let stdout = ''
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      const match = /hallway server listening on (\S+)/.exec(stdout)
      if (match) resolve({ url: match[1]!, child, exited })
    })
    child.once('exit', (code) => reject(new Error(`the sync server exited with ${code} before listening:\n${stderr.trim()}`)))
  })
}
