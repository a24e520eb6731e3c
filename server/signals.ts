import type { Logger } from './observe/log'
import type { RunningServer } from './start'
import { HAND_OVER_GRACE_MS } from './handoff/hand-over'
import { startSuccessor } from './handoff/successor'

type State = 'starting' | 'serving' | 'deploying' | 'leaving'

/**
 * What signals do to a server process, from before it has started: SIGTERM and SIGINT drain it
 * (repeats do not cut the drain short: supervisors signal whole process groups, and wrappers relay
 * what they receive); under `--hand-over`, SIGHUP deploys (a successor from the build on disk
 * takes every member over). A worker is signalled with its group, so a successor still starting
 * gets the signals too: it stops once started, and ignores a deploy.
 */
export function handleSignals(log: Logger, options: { deploys: boolean }): { started(running: RunningServer, restartMs: number): void } {
  let running: RunningServer | null = null
  let restartMs = 0
  let state: State = 'starting'
  let stopAsked: string | null = null

  const exit = (code: number) => () => process.exit(code)
  const stop = (signal: string) => {
    if (state === 'starting' || state === 'deploying') {
      stopAsked = signal
      return
    }
    if (state === 'leaving') return log.info('signal received while draining; the drain goes on', { signal })
    state = 'leaving'
    log.info('signal received', { signal })
    running!.close({ restartMs }).then(exit(0), (error) => {
      log.error('shutdown failed', { error })
      process.exit(1)
    })
  }
  const deploy = () => {
    if (state !== 'serving') return log.info('SIGHUP ignored: this process is not the one serving', { state })
    state = 'deploying'
    log.info('deploy: starting the new build')
    startSuccessor().then(
      (send) => {
        state = 'leaving'
        running!.handOver(send).then(
          // Members closed instead (1012) have a grace to answer, as in a drain: the exit must not reset them.
          (done) => setTimeout(exit(0), done.reconnecting > 0 ? HAND_OVER_GRACE_MS : 0),
          (error) => {
            log.error('hand-over failed', { error })
            process.exit(1)
          },
        )
      },
      (error: Error) => {
        state = 'serving'
        log.error('the new build did not start; this one keeps serving. Fix the build and send SIGHUP again.', { error: error.message })
        if (stopAsked) stop(stopAsked)
      },
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  if (options.deploys) process.on('SIGHUP', deploy)
  return {
    started(server, ms) {
      running = server
      restartMs = ms
      state = 'serving'
      if (stopAsked) stop(stopAsked)
    },
  }
}
