// The two steps `npm run dist` and the packaging test share: build out/ with electron-vite, then
// package it with electron-builder from build/electron-builder.yml.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
export const builderConfig = join(repoRoot, 'build', 'electron-builder.yml')

export interface StepOptions {
  env?: Readonly<Record<string, string>>
  /** Keep the tool's output, and show it only in the error when the step fails (tests). */
  quiet?: boolean
}

function run(command: string, args: readonly string[], { env = {}, quiet = false }: StepOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(repoRoot, 'node_modules', '.bin', command), args, {
      cwd: repoRoot,
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, ...env },
    })
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (code === 0) return resolve()
      reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})${output ? `:\n${output.slice(-4000)}` : ''}`))
    })
  })
}

/** out/main (with the core), out/preload, out/renderer. */
export function buildApp(options: StepOptions = {}): Promise<void> {
  return run('electron-vite', ['build'], options)
}

/** electron-builder with our config; `args` picks platforms and targets (`--linux --dir`, `-c.key=value`). */
export function packageApp(args: readonly string[], options: StepOptions = {}): Promise<void> {
  return run('electron-builder', ['--config', builderConfig, ...args], options)
}
