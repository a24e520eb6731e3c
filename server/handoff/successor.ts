import type { ToWorker } from './handoff-messages'
import { forkWorker, untilReady } from './worker-process'

/** The channel to a started successor: one message at a time, each resolved once written. */
export type SendToSuccessor = (message: ToWorker, handle?: object) => Promise<void>

/**
 * A deploy under `--hand-over`: this server started again, from the build on disk now (a deploy
 * replaced it, then signalled), as this process's child. Resolves once it has started and waits
 * for what this process hands it; rejects, with what happened, if it exits first.
 */
export async function startSuccessor(): Promise<SendToSuccessor> {
  const child = forkWorker('successor', { script: process.argv[1]!, args: process.argv.slice(2), execArgv: process.execArgv })
  await untilReady(child)
  return (message, handle) =>
    new Promise((sent, failed) => {
      // One after another: node holds a socket's message until the one before is acknowledged,
      // and re-sends its whole held queue at every acknowledgement (quadratic in the members).
      child.send(message, handle as never, {}, (error) => (error ? failed(error) : sent()))
    })
}
