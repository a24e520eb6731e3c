// Read markers and room summaries at 1,000 members (issue 12): bytes on the wire (wire.ts), fsyncs
// per 100 markers (commits.ts), and the team document's size, the server's memory for it and a
// fresh client's load time, seeded and after a simulated week of reading (week.ts). Markers are
// kept on each device, so the team document grows by the rooms' summaries only.
import * as Y from 'yjs'
import { teamDocName } from '../../shared/contract/doc-names'
import { TeamDoc } from '../../shared/model/team-doc'
import { seedTeam } from '../../server/admin/teams'
import { loadOrCreateSecret } from '../../server/auth/secret'
import { mintToken } from '../../server/auth/tokens'
import { SqliteStore } from '../../server/store/sqlite-store'
import { createTestTeam, removeTempDirs, tempDir } from '../../server/testing/harness'
import { rawYjsClient } from '../../server/testing/raw-yjs-client'
import { decodeMessage } from '../../server/sync/protocol'
import { settledRss } from '../fanout/proc-stats'
import { startServerProcess } from '../fanout/server-process'
import type { Figure } from '../presence'
import { playWeekOnDevices, playWeekSummaries, weekReads } from './week'
import { runMarkerCommitsBench } from './commits'
import { runReadMarkerDevicesBench } from './devices'
import { runReadMarkersWireBench } from './wire'

const MEMBERS = 1000
const ROOMS = 50
const LOADS = 5
const KB = 1024


/** The server process's memory for the loaded team document, and fresh clients' load times (median). */
async function serverFigures(dataDir: string, teamId: string): Promise<{ rss: number; loadMs: number }> {
  const server = await startServerProcess('ours', { dataDir })
  try {
    const idle = await settledRss(server.pid)
    const url = server.syncUrl.replace(/^ws/, 'http').replace(/\/sync$/, '')
    const secret = loadOrCreateSecret(dataDir)
    const times: number[] = []
    const clients = []
    for (let i = 0; i < LOADS; i++) {
      const token = await mintToken(secret, { userId: `load-${i + 1}`, teamId, name: `Load ${i + 1}`, role: 'member', ttlSeconds: 600 })
      const started = performance.now()
      const client = rawYjsClient(url, teamDocName(teamId), token)
      let arrived = 0
      client.ws.on('message', (data) => {
        if (decodeMessage(new Uint8Array(data as Buffer)).type === 'syncStep2') arrived = performance.now()
      })
      await client.synced
      times.push(arrived - started)
      clients.push(client)
    }
    const loaded = await settledRss(server.pid)
    for (const client of clients) client.ws.terminate()
    return { rss: loaded - idle, loadMs: [...times].sort((a, b) => a - b)[Math.floor(LOADS / 2)]! }
  } finally {
    await server.stop()
  }
}

export async function runReadMarkersBench(): Promise<Figure[]> {
  const figures = [...(await runReadMarkersWireBench()), ...(await runReadMarkerDevicesBench()), ...runMarkerCommitsBench()]
  const dataDir = tempDir('hallway-bench-week-')
  try {
    const teamId = await createTestTeam(dataDir, 'Week bench')
    const docName = teamDocName(teamId)
    const store = SqliteStore.open(dataDir, { watchIntervalMs: 0 })
    const doc = new Y.Doc()
    let seeded: { rss: number; loadMs: number }
    let sizes: { seeded: number; week: number; perDevice: number; weekMs: number }
    try {
      await seedTeam(store, teamId, { members: MEMBERS, rooms: ROOMS })
      await store.close()
      seeded = await serverFigures(dataDir, teamId)
      const reopened = SqliteStore.open(dataDir, { watchIntervalMs: 0 })
      try {
        for (const update of await reopened.load(docName)) Y.applyUpdate(doc, update)
        const team = new TeamDoc(doc)
        const before = Y.encodeStateVector(doc)
        const seededSize = Y.encodeStateAsUpdate(doc).length
        const started = performance.now()
        const deviceSizes = await playWeekOnDevices(team.memberIds(), team.roomIds())
        const weekMs = performance.now() - started
        playWeekSummaries(team, team.roomIds(), team.memberIds()[0]!)
        await reopened.append(docName, Y.encodeStateAsUpdate(doc, before))
        sizes = { seeded: seededSize, week: Y.encodeStateAsUpdate(doc).length, perDevice: deviceSizes.reduce((a, b) => a + b, 0) / deviceSizes.length, weekMs }
      } finally {
        await reopened.close()
      }
    } finally {
      doc.destroy()
    }
    const week = await serverFigures(dataDir, teamId)
    const kb = (bytes: number) => Math.round(bytes / KB)
    const reads = weekReads(MEMBERS)
    figures.push(
      { name: `team document after a week of reading (${reads.toLocaleString('en')} marker moves, all on devices)`, value: kb(sizes.week), unit: 'KB', baseline: { name: `seeded, ${MEMBERS} members ${ROOMS} rooms`, value: kb(sizes.seeded) } },
      { name: 'of which the week\'s room summaries (the only growth)', value: kb(sizes.week - sizes.seeded), unit: 'KB' },
      { name: 'one device\'s stored read markers after the week', value: Math.round(sizes.perDevice), unit: 'B' },
      { name: 'server RSS for the loaded team document after the week', value: kb(week.rss), unit: 'KB', baseline: { name: 'seeded', value: kb(seeded.rss) } },
      { name: 'fresh client: connect to whole team document applied, after the week', value: Math.round(week.loadMs), unit: 'ms', baseline: { name: 'seeded', value: Math.round(seeded.loadMs) } },
      { name: 'bench only: playing every device\'s week of marker moves', value: Math.round(sizes.weekMs), unit: 'ms' },
    )
    return figures
  } finally {
    removeTempDirs()
  }
}
