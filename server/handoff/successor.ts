import { fork } from 'node:child_process'
import { HANDOFF_WORKER_ENV, isReady, type ToWorker, type WorkerRole } from './handoff-messages'

/** The channel to a started successor: one message at a time, each resolved once written. */
export type SendToSuccessor = (message: ToWorker, handle?: object) => Promise<void>

/**
 * A deploy under `--hand-over`: this server started again, from the build on disk now (a deploy
 * replaced it, then signalled), as this process's child. Resolves once it has started and waits
 * for what this process hands it; rejects, with what happened, if it exits first.
 */
export function startSuccessor(): Promise<SendToSuccessor> {
  const child = fork(process.argv[1]!, process.argv.slice(2), {
    execArgv: process.execArgv,
    env: { ...process.env, [HANDOFF_WORKER_ENV]: 'successor' satisfies WorkerRole },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => reject(new Error(`the new build exited before it started (${signal ?? `code ${code}`})`))
    const onMessage = (value: unknown) => {
      if (!isReady(value)) return
      child.off('message', onMessage)
      child.off('exit', onExit)
      resolve(
        (message, handle) =>
          new Promise((sent, failed) => {
            // One after another: node holds a socket's message until the one before is acknowledged,
            // and re-sends its whole held queue at every acknowledgement (quadratic in the members).
            child.send(message, handle as never, {}, (error) => (error ? failed(error) : sent()))
          }),
      )
    }
    child.once('exit', onExit)
    child.on('message', onMessage)
  })
}
