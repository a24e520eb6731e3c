import { afterAll, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/contract/close-codes'
import { runDrainRoll } from '../testing/drain-roll'
import { removeTempDirs } from '../testing/harness'

afterAll(removeTempDirs)

const CLIENTS = 300

describe('drain ("sync roll")', () => {
  // How long each part takes and how spread out the reconnects are: `npm run bench`.
  it(`SIGTERM: draining (readiness off) first, then ${CLIENTS} clients closed with 1012 in batches; all come back to the restarted node, losing nothing`, async () => {
    const roll = await runDrainRoll({
      clients: CLIENTS,
      // Ten clients per discussion: the reconnect storm is server-wide, the test's CPU stays on the server.
      documents: 30,
      drainWindowMs: 2000,
      backoff: { baseMs: 100, capMs: 4000, stableMs: 10_000, drainAttempt: 3, random: Math.random },
    })
    expect(roll.firstExitCode).toBe(0)
    const readings = JSON.stringify(roll.whileDraining)
    expect(roll.whileDraining.some(({ draining, connections }) => draining && connections > 0), readings).toBe(true)
    // All at once would go from CLIENTS to 0 between two readings; batches show in between.
    const partlyClosed = new Set(roll.whileDraining.map(({ connections }) => connections).filter((n) => n > 0 && n < CLIENTS))
    expect(partlyClosed.size, readings).toBeGreaterThanOrEqual(3)
    // Every client read 1012. The server does not wait to see the last batch answer (it cuts
    // them once their frames are out), so its own log need not hold every close.
    expect(roll.clientCloseCodes).toEqual(Array(CLIENTS).fill(CloseCode.draining))
    expect(roll.accepted.length).toBeGreaterThanOrEqual(CLIENTS)
    expect(roll.storedBefore).toBe(CLIENTS)
    expect(roll.storedAfter).toBe(2 * CLIENTS)
  }, 150_000)
})
