import type { Socket } from 'node:net'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { CloseCode, comebackOf } from '../../shared/contract/close-codes'
import type { RunningServer, StartOptions } from '../start'
import { capturedLogger } from '../testing/captured-log'
import { createTestTeam, rawClient, removeTempDirs, startTestServer, tempDir, tokenFor, waitFor, type RawClient } from '../testing/harness'
import { pausableProxy } from '../testing/pausable-proxy'
import { comebackWindowMs } from './drain-plan'
import { encodeQueryAwareness } from './protocol'

const clients: RawClient[] = []
const servers: RunningServer[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.ws.terminate()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

interface DrainedLine {
  msg: string
  members?: number
  cut?: number
}

async function setup(options: Partial<StartOptions> = {}) {
  const dir = tempDir()
  const teamId = await createTestTeam(dir, 'Acme')
  const { logger, logs } = capturedLogger()
  const server = await startTestServer(dir, { logger, ...options })
  servers.push(server)
  const raw = async (user: string, url = server.url) => {
    const client = rawClient(url, `team/${teamId}`, await tokenFor(dir, teamId, user))
    clients.push(client)
    return client
  }
  /** The server's own count of members it cut rather than saw answer, once it has drained. */
  const drained = () => (logs as DrainedLine[]).find((line) => line.msg === 'drained')
  return { dir, teamId, server, raw, drained }
}

/** How the TCP socket under a client's WebSocket ended: 'end' (the server's FIN), or the error it got (ECONNRESET). */
function socketEnding(ws: WebSocket): Promise<string> {
  return new Promise((resolve) =>
    ws.once('upgrade', (response) => {
      const socket = response.socket as Socket
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
      socket.once('end', () => resolve('end'))
      socket.once('close', () => resolve('closed without an end'))
    }),
  )
}

describe('drain: the cut', () => {
  it('ends a busy member\'s socket behind its 1012 (a FIN, not a reset): it reads the 1012 and a clean end, answers, and is not cut', async () => {
    const { server, raw, drained } = await setup({ drainWindowMs: 0 })
    const member = await raw('ada')
    const ending = socketEnding(member.ws)
    await member.opened
    await waitFor('the join frames', () => member.frames.length > 0)
    // Frames the server has not read yet when it closes: a socket closed with unread data is
    // reset, which on a lossy network can overtake (and discard) the 1012 still on its way.
    for (let i = 0; i < 200; i++) member.ws.send(encodeQueryAwareness())
    const closing = server.close({ restartMs: 100 })
    servers.splice(0)
    expect((await member.closed).code).toBe(CloseCode.draining)
    expect(await ending).toBe('end')
    await closing
    expect(drained()).toMatchObject({ members: 1, cut: 0 })
  })

  it('does not wait past the grace for a member that never reads: it is cut, the others are not, and it still reads its 1012 once it reads again', async () => {
    const { server, raw, drained } = await setup({ drainWindowMs: 0, drainGraceMs: 300 })
    const proxy = await pausableProxy(server.port)
    const answering = await raw('ada')
    const stalled = await raw('bob', proxy.url)
    await Promise.all([answering.opened, stalled.opened])
    await waitFor('both members synced', () => answering.frames.length > 0 && stalled.frames.length > 0)
    proxy.pause()
    servers.splice(0)
    // Without the bound this never resolves: the stalled member never answers the FIN.
    await server.close()
    expect((await answering.closed).code).toBe(CloseCode.draining)
    expect(drained()).toMatchObject({ members: 2, cut: 1 })
    proxy.resume()
    expect((await stalled.closed).code).toBe(CloseCode.draining)
    await proxy.close()
  })
})

describe('drain: what the 1012 names', () => {
  it('tells each batch to wait out the rest of the drain and the successor\'s start, so earlier batches wait longer; also one arriving mid-drain', async () => {
    const restartMs = 640
    const { server, raw } = await setup({ drainWindowMs: 1000 })
    const members = await Promise.all(['a', 'b', 'c'].map((user) => raw(user)))
    await Promise.all(members.map((member) => member.opened))
    const readOrder: Array<{ code: number; reason: string }> = []
    for (const member of members) void member.closed.then((close) => readOrder.push(close))
    const closing = server.close({ restartMs })
    servers.splice(0)
    const late = await raw('d')
    const lateClose = await late.closed
    await Promise.all(members.map((member) => member.closed))
    await closing
    // Three members, a 1 s window: three batches a third of a second apart.
    expect(readOrder.map(({ code }) => code)).toEqual(Array(3).fill(CloseCode.draining))
    const comebacks = readOrder.map(({ reason }) => comebackOf(reason)!)
    for (const comeback of [...comebacks, comebackOf(lateClose.reason)]) {
      expect(comeback?.windowMs).toBe(comebackWindowMs(3))
      expect(comeback?.afterMs).toBeGreaterThan(restartMs)
    }
    const waits = comebacks.map(({ afterMs }) => afterMs)
    expect(waits).toEqual([...waits].sort((a, b) => b - a))
    expect(new Set(waits).size).toBe(3)
    expect(lateClose.code).toBe(CloseCode.draining)
  })
})
