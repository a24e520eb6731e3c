// Read markers are committed once per window (server/store/sqlite-read-markers.ts): what a clean
// stop and a kill -9 keep, and how a device's next connect restores the rest. A real server
// (in-process, or its own process to kill), real sockets, the real store, and the Hallway core's
// own marker code on the device.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import { teamDocName } from '../../shared/contract/doc-names'
import { READ_MARKER_PARAM, type ReadMarker } from '../../shared/contract/read-markers'
import { DeviceReadMarks } from '../../shared/core/device-read-markers'
import { ReadMarkerSync } from '../../shared/core/read-marker-sync'
import { MemoryStorage } from '../../shared/core/storage-port'
import type { RunningServer } from '../start'
import { SqliteStore } from '../store/sqlite-store'
import { createTestTeam, openProvider, removeTempDirs, spawnServer, startTestServer, tempDir, tokenFor, waitFor, type ServerProcess } from '../testing/harness'
import { markerClient, type MarkerClient } from '../testing/marker-client'

const stops: Array<() => void> = []
const servers: RunningServer[] = []
const processes: ServerProcess[] = []
afterEach(async () => {
  for (const stop of stops.splice(0)) stop()
  for (const server of processes.splice(0)) server.child.kill('SIGKILL')
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

/** Every room of a new team read up to the clamp's ceiling without posts (READ_MARKER_SLACK), one move at a time. */
const moves = (rooms: readonly string[]): ReadMarker[] => rooms.flatMap((roomId) => Array.from({ length: 16 }, (_, i) => ({ roomId, seq: i + 1 })))
const highest = (markers: readonly ReadMarker[]) => new Map(markers.map(({ roomId, seq }) => [roomId, seq]))

async function stored(dir: string, teamId: string, userId: string): Promise<Map<string, number>> {
  const store = SqliteStore.open(dir, { watchIntervalMs: 0 })
  try {
    return await store.readMarkers(teamId, userId)
  } finally {
    await store.close()
  }
}

function marker(url: string, teamId: string, token: string): MarkerClient {
  const client = markerClient(url, teamDocName(teamId), token)
  stops.push(() => client.ws.terminate())
  return client
}

/** A device as the Hallway core runs it: its own marks, sent one move at a time and all again on each connect. */
function device(url: string, teamId: string, token: string) {
  const provider: WebsocketProvider = openProvider(url, teamDocName(teamId), token, { params: { [READ_MARKER_PARAM.name]: READ_MARKER_PARAM.value } })
  const marks = new DeviceReadMarks(new MemoryStorage(), 'device/marks', new Map(), (error) => {
    throw error
  })
  const sync = new ReadMarkerSync(provider, marks, () => undefined)
  stops.push(() => (sync.close(), provider.destroy()))
  return { provider, marks }
}

describe('read markers committed once per window', () => {
  it('a clean stop commits the markers still waiting for their window', async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir, 'Acme')
    const server = await startTestServer(dir, { readMarkerWindowMs: 60_000 })
    const laptop = marker(server.url, teamId, await tokenFor(dir, teamId, 'ada'))
    const phone = marker(server.url, teamId, await tokenFor(dir, teamId, 'ada'))
    await Promise.all([laptop.opened, phone.opened])
    const burst = moves(['lobby', 'kitchen', 'standup', 'focus'])
    for (const move of burst) laptop.send([move])
    await phone.receives('focus', 16)
    expect(await stored(dir, teamId, 'ada')).toEqual(new Map())

    await server.close()
    expect(await stored(dir, teamId, 'ada')).toEqual(highest(burst))
  })

  it('after kill -9 only the last window of markers can be missing, and the device\'s next connect restores every one', async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir, 'Acme')
    const first = spawnServer(['--port', '0', '--data', dir], { HALLWAY_LOG_LEVEL: 'error' })
    processes.push(first)
    const url = await first.listening
    const laptop = device(url, teamId, await tokenFor(dir, teamId, 'ada'))
    const phone = marker(url, teamId, await tokenFor(dir, teamId, 'ada'))
    await Promise.all([waitFor('the laptop to sync', () => laptop.provider.synced), phone.opened])

    const earlier = moves(['lobby', 'kitchen'])
    for (const { roomId, seq } of earlier) laptop.marks.markRead(roomId, seq)
    await phone.receives('kitchen', 16)
    // The window ends and commits without a stop.
    await waitFor('the first burst committed', async () => (await stored(dir, teamId, 'ada')).size === 2)
    const last = moves(['standup', 'focus'])
    for (const { roomId, seq } of last) laptop.marks.markRead(roomId, seq)
    await phone.receives('focus', 16)
    first.child.kill('SIGKILL')
    await first.exited

    const afterKill = await stored(dir, teamId, 'ada')
    expect(new Map([...afterKill].filter(([roomId]) => roomId === 'lobby' || roomId === 'kitchen'))).toEqual(highest(earlier))
    for (const [roomId, seq] of afterKill) expect(seq).toBeLessThanOrEqual(highest([...earlier, ...last]).get(roomId)!)

    const again = spawnServer(['--port', new URL(url).port, '--data', dir], { HALLWAY_LOG_LEVEL: 'error' })
    processes.push(again)
    await again.listening
    await waitFor('the laptop back and synced', () => laptop.provider.wsconnected && laptop.provider.synced, 20_000)
    const everything = highest([...earlier, ...last])
    await waitFor('every marker stored again', async () => {
      const now = await stored(dir, teamId, 'ada')
      return [...everything].every(([roomId, seq]) => now.get(roomId) === seq)
    })
    const tablet = marker(url, teamId, await tokenFor(dir, teamId, 'ada'))
    await tablet.opened
    await tablet.barrier()
    expect(highest(tablet.markers())).toEqual(everything)
  })
})
