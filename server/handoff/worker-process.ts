import { fork, type ChildProcess } from 'node:child_process'
import { HANDOFF_WORKER_ENV, isReady, type WorkerRole } from './handoff-messages'

/**
 * Starts the server as a worker under `--hand-over`: `script` (the build on disk now) with this
 * process's arguments and node flags, its output going where this process's goes, and node's IPC
 * channel for what passes between them. `detached`: a process group of its own (the keeper's first).
 */
export function forkWorker(role: WorkerRole, options: { script: string; args: readonly string[]; execArgv: readonly string[]; detached?: boolean }): ChildProcess {
  return fork(options.script, [...options.args], {
    execArgv: [...options.execArgv],
    env: { ...process.env, [HANDOFF_WORKER_ENV]: role },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    detached: options.detached ?? false,
  })
}

/** Resolves once the worker says it has started; rejects, with how it ended, if it exits first. */
export function untilReady(worker: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => reject(new Error(`the new build exited before it started (${signal ?? `code ${code}`})`))
    const onMessage = (value: unknown) => {
      if (!isReady(value)) return
      worker.off('message', onMessage)
      worker.off('exit', onExit)
      resolve()
    }
    worker.once('exit', onExit)
    worker.on('message', onMessage)
  })
}
