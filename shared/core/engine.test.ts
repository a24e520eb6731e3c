import { createServer, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { refusedUrl, unsignedToken } from '../../server/testing/harness'
import { PresenceCore } from './engine'
import type { SocketConstructor } from './jittered-socket'
import { MemoryStorage } from './storage-port'
import { openOfflineCore, storageWithTeam } from '../../server/testing/offline-core'

function waitFor(core: PresenceCore, predicate: () => boolean): Promise<void> {
  if (predicate()) return Promise.resolve()
  return new Promise((resolve) => {
    const stop = core.subscribe(() => {
      if (predicate()) {
        stop()
        resolve()
      }
    })
  })
}

const cores: PresenceCore[] = []
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()))
})

describe('PresenceCore offline', () => {
  it('opens the office from storage before any network and marks itself offline', async () => {
    const storage = await storageWithTeam('t1', [{ id: 'lobby', name: 'Lobby', kind: 'open', door: 'open', capacity: 0, order: 0 }])
    const core = await openOfflineCore(storage, 't1', 'ada')
    cores.push(core)
    expect(core.view().team.name).toBe('Acme')
    expect(core.view().rooms.lobby?.name).toBe('Lobby')
    await waitFor(core, () => core.view().connection.state === 'offline')

    expect(await core.execute({ type: 'enterRoom', roomId: 'lobby' })).toEqual({ ok: true })
    await waitFor(core, () => core.view().rooms.lobby!.occupants.includes('ada'))
    expect(await core.execute({ type: 'enterRoom', roomId: 'nope!' })).toEqual({ ok: false, error: expect.stringMatching(/not understood/) })

    // My media host's report reaches every view as call marks, and nothing else is written.
    const report = { roomId: 'lobby', members: [{ userId: 'ada', speaking: true, quality: 'good' }] }
    expect(await core.execute({ type: 'reportCall', activity: report })).toEqual({ ok: true })
    await waitFor(core, () => core.view().callMarks.ada?.speaking === true)
    expect(core.view().callMarks).toEqual({ ada: { speaking: true, quality: 'good' } })
    expect((await core.execute({ type: 'reportCall', activity: { ...report, members: [{ userId: 'ada', speaking: 'yes', quality: 'good' }] } })).ok).toBe(false)
  })

  it('judges idle reports by the away-after minutes this device chose', async () => {
    const storage = await storageWithTeam('t1', [])
    const core = await openOfflineCore(storage, 't1', 'ada')
    cores.push(core)
    await waitFor(core, () => core.view().members.ada !== undefined)
    expect(await core.execute({ type: 'setAwayAfter', minutes: 2 })).toEqual({ ok: true })
    expect(await core.execute({ type: 'reportIdle', idleMs: 3 * 60_000 })).toEqual({ ok: true })
    await waitFor(core, () => core.view().members.ada?.idle === true)
    // Three idle minutes are short of five: the same report now means back.
    expect(await core.execute({ type: 'setAwayAfter', minutes: 5 })).toEqual({ ok: true })
    expect(await core.execute({ type: 'reportIdle', idleMs: 3 * 60_000 })).toEqual({ ok: true })
    await waitFor(core, () => core.view().members.ada?.idle === false)
    expect(await core.execute({ type: 'setAwayAfter', minutes: 0 })).toEqual({ ok: false, error: expect.stringMatching(/not understood/) })
  })

  it('persists a write made offline so the next open has it', async () => {
    const storage = new MemoryStorage()
    const options = {
      serverUrl: await refusedUrl(),
      token: unsignedToken('t2', 'ada'),
      storage,
      WebSocket: WebSocket as unknown as SocketConstructor,
      device: 'bot' as const,
    }
    const first = await PresenceCore.open(options)
    first.team.addRoom('new', { name: 'Written offline', kind: 'open', door: 'open', capacity: 0, order: 0 })
    await first.flushed()
    await first.close()

    const second = await PresenceCore.open(options)
    cores.push(second)
    expect(second.view().rooms.new?.name).toBe('Written offline')
  })
})

describe('PresenceCore storage failures', () => {
  it('says so when a write to disk fails, and saves it again with the next write', async () => {
    // A disk that fails exactly one append (a real MemoryStorage behind it).
    class FlakyStorage extends MemoryStorage {
      failNext = false
      override async append(docName: string, update: Uint8Array): Promise<void> {
        if (this.failNext) {
          this.failNext = false
          throw new Error('ENOSPC: no space left on device')
        }
        return super.append(docName, update)
      }
    }
    const storage = new FlakyStorage()
    const options = {
      serverUrl: await refusedUrl(),
      token: unsignedToken('t3', 'ada'),
      storage,
      WebSocket: WebSocket as unknown as SocketConstructor,
      device: 'bot' as const,
    }
    const core = await PresenceCore.open(options)
    storage.failNext = true
    core.team.addRoom('lost', { name: 'First', kind: 'open', door: 'open', capacity: 0, order: 0 })
    await core.flushed()
    await waitFor(core, () => /free disk space/.test(core.view().connection.detail ?? ''))
    core.team.addRoom('next', { name: 'Second', kind: 'open', door: 'open', capacity: 0, order: 1 })
    await core.flushed()
    await core.close()

    const reopened = await PresenceCore.open(options)
    cores.push(reopened)
    expect(Object.keys(reopened.view().rooms).sort()).toEqual(['lost', 'next'])
  })
})

/** A server that accepts every TCP connection and never answers: an admission that does not come. */
async function silentServer(): Promise<{ url: string; accepted: () => number; close: () => Promise<void> }> {
  const sockets: Socket[] = []
  const server = createServer((socket) => void sockets.push(socket))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    accepted: () => sockets.length,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

describe('PresenceCore admission', () => {
  it('says connecting while a server that accepted the socket has not admitted it, then offline once its admission wait runs out', async () => {
    const server = await silentServer()
    try {
      const core = await PresenceCore.open({
        serverUrl: server.url,
        token: unsignedToken('t4', 'ada'),
        storage: await storageWithTeam('t4', []),
        WebSocket: WebSocket as unknown as SocketConstructor,
        device: 'bot',
        admissionWaitMs: 200,
      })
      cores.push(core)
      const states = [core.view().connection.state]
      core.subscribe((view) => states.push(view.connection.state))
      await waitFor(core, () => core.view().connection.state === 'offline')
      await expect.poll(server.accepted).toBe(1)
      expect([...new Set(states)]).toEqual(['connecting', 'offline'])
    } finally {
      await Promise.all(cores.splice(0).map((core) => core.close()))
      await server.close()
    }
  })
})
