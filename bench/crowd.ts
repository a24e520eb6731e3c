// The crowd tool against a seeded company-size team (issue 12): the load every office figure depends on.
// Part of `npm run bench`; alone: node --import tsx bench/crowd.ts
import { pathToFileURL } from 'node:url'
import { loadOrCreateSecret } from '../server/auth/secret'
import { startCrowd } from '../server/cli/crowd'
import { silentLogger } from '../server/observe/log'
import { removeTempDirs, tempDir } from '../server/testing/harness'
import { startServerProcess } from './fanout/server-process'
import type { Figure } from './presence'
import { printTable } from './report'
import { OFFICE_CROWD, OFFICE_MEMBERS, OFFICE_ROOMS, seedOfficeTeam } from './seeded-office'

const ONLINE_TIMEOUT_MS = 300_000

export async function runCrowdBench(): Promise<Figure[]> {
  const dataDir = tempDir('hallway-bench-crowd-')
  try {
    const teamId = await seedOfficeTeam(dataDir, 'Crowd bench')
    // The server in its own process, as in production; the crowd in this one, as `hallway crowd` runs it.
    const server = await startServerProcess('ours', { dataDir })
    try {
      const sync = new URL(server.syncUrl)
      const serverUrl = `http://${sync.host}`
      const cpuBefore = process.cpuUsage()
      const started = performance.now()
      const crowd = await startCrowd({ serverUrl, secret: loadOrCreateSecret(dataDir), teamId, count: OFFICE_CROWD, movesPerSecond: 0, log: silentLogger, onlineTimeoutMs: ONLINE_TIMEOUT_MS })
      const onlineMs = performance.now() - started
      const cpu = process.cpuUsage(cpuBefore)
      await crowd.close()
      return [
        { name: `${OFFICE_CROWD} crowd members online (${OFFICE_MEMBERS}-member ${OFFICE_ROOMS}-room team)`, value: round(onlineMs / 1000), unit: 's' },
        { name: 'crowd process CPU while they came online', value: round((cpu.user + cpu.system) / 1e6), unit: 's' },
      ]
    } finally {
      await server.stop()
    }
  } finally {
    removeTempDirs()
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printTable('Crowd (issue 12)', await runCrowdBench())
}
