// Drain ("sync roll") timings the drain test only asserts as behaviour: how the closes spread over
// the window, how long SIGTERM takes to exit, and how spread out the clients come back.
import { peakIn, runDrainRoll } from '../../server/testing/drain-roll'
import { removeTempDirs } from '../../server/testing/harness'
import type { Figure } from '../presence'

const CLIENTS = 300
const DRAIN_WINDOW_MS = 2000

export async function runDrainTimings(): Promise<Figure[]> {
  try {
    const roll = await runDrainRoll({
      clients: CLIENTS,
      documents: 30,
      drainWindowMs: DRAIN_WINDOW_MS,
      backoff: { baseMs: 100, capMs: 4000, stableMs: 10_000, drainAttempt: 3, random: Math.random },
    })
    const closes = roll.closes.map(({ at }) => at)
    const lastBack = Math.max(...roll.accepted)
    return [
      { name: `drain: ${CLIENTS} closes spread over (window ${DRAIN_WINDOW_MS} ms)`, value: Math.max(...closes) - Math.min(...closes), unit: 'ms' },
      { name: 'drain: SIGTERM to exit 0', value: roll.exitedAt - roll.sigtermAt, unit: 'ms' },
      { name: 'drain: restarted node listening to last client back', value: lastBack - roll.listeningAt, unit: 'ms' },
      { name: 'drain: reconnects accepted, peak per 100 ms', value: peakIn(roll.accepted, 100), unit: 'connections' },
      { name: 'drain: reconnects accepted, peak per second', value: peakIn(roll.accepted, 1000), unit: 'connections' },
    ]
  } finally {
    removeTempDirs()
  }
}
