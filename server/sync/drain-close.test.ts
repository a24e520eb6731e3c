import { connect, type Socket } from 'node:net'
import { Duplex, Writable } from 'node:stream'
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

/** What a hand-made upgrade's socket received: the HTTP answer's status line, and the close frame after it. */
interface HandReceived {
  status: string
  close: { code: number; reason: string } | null
}

/**
 * A sync upgrade asked for over a bare TCP socket, which then neither answers nor, until
 * `read()`, reads: unlike a ws client, it never answers a close frame or a FIN. `read()` reads
 * all that arrived and resolves at the server's FIN ('end'), or with the error it got instead.
 */
function handUpgrade(port: number, path: string) {
  const socket = connect(port, '127.0.0.1')
  socket.pause()
  socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`)
  const read = () =>
    new Promise<HandReceived>((resolve, reject) => {
      const chunks: Buffer[] = []
      socket.on('data', (chunk: Buffer) => chunks.push(chunk))
      socket.once('error', reject)
      socket.once('end', () => resolve(parseHandReceived(Buffer.concat(chunks))))
      socket.resume()
    })
  return { socket, read }
}

function parseHandReceived(bytes: Buffer): HandReceived {
  const headEnd = bytes.indexOf('\r\n\r\n')
  const status = bytes.subarray(0, bytes.indexOf('\r\n')).toString()
  const frame = bytes.subarray(headEnd + 4)
  // An unmasked close frame with a short payload: FIN + opcode 8, length, code, reason.
  if (frame.length < 4 || frame[0] !== 0x88 || frame[1]! >= 126) return { status, close: null }
  return { status, close: { code: frame.readUInt16BE(2), reason: frame.subarray(4, 2 + frame[1]!).toString() } }
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

/**
 * Counts end() calls reaching a server-side stream (an accepted socket, or ws's frame reader on
 * one) that was already ending: node builds an Error with its stack for each and drops it.
 */
function countRepeatedServerEnds(): { count: () => number; restore: () => void } {
  let repeated = 0
  const serverSide = (stream: Writable) => (stream as { server?: unknown }).server != null || (stream as { _isServer?: unknown })._isServer === true
  const restores = [Writable.prototype, Duplex.prototype].map((proto) => {
    const original = proto.end
    proto.end = function (this: Writable, ...args: unknown[]) {
      if (serverSide(this) && this.writableEnded) repeated++
      return (original as (...args: unknown[]) => Writable).apply(this, args)
    } as Writable['end']
    return () => {
      proto.end = original
    }
  })
  return { count: () => repeated, restore: () => restores.forEach((restore) => restore()) }
}

describe('drain: the close handshake', () => {
  it("ends each member's socket and ws's frame reader once: the answers, the members' ends and the sockets' closes end nothing again", async () => {
    const { server, raw, drained } = await setup({ drainWindowMs: 0 })
    const members = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((user) => raw(user)))
    await Promise.all(members.map((member) => member.opened))
    const ends = countRepeatedServerEnds()
    try {
      servers.splice(0)
      await server.close()
      expect((await Promise.all(members.map((member) => member.closed))).map(({ code }) => code)).toEqual(Array(5).fill(CloseCode.draining))
      // Every member answered (none cut), so every step of ws's close ran on every socket.
      expect(drained()).toMatchObject({ members: 5, cut: 0 })
      expect(ends.count()).toBe(0)
    } finally {
      ends.restore()
    }
  })
})

describe('the close handshake a member starts', () => {
  it("ends the member's socket and ws's frame reader once when the member closes first", async () => {
    const { server, raw } = await setup()
    const members = await Promise.all(['a', 'b'].map((user) => raw(user)))
    await Promise.all(members.map((member) => member.opened))
    const ends = countRepeatedServerEnds()
    try {
      for (const member of members) member.ws.close(1000, 'bye')
      expect((await Promise.all(members.map((member) => member.closed))).map(({ code }) => code)).toEqual([1000, 1000])
      // The server's stop waits for every connection it still holds to close: after it, each
      // server-side socket has been through all of ws's close steps.
      servers.splice(0)
      await server.close()
      expect(ends.count()).toBe(0)
    } finally {
      ends.restore()
    }
  })
})

describe('drain: a socket that arrives mid-drain', () => {
  /** A drain of three members over a second, so sockets opened just after close() arrive mid-drain. */
  async function draining(restartMs: number) {
    const s = await setup({ drainWindowMs: 1000, drainGraceMs: 300 })
    const members = await Promise.all(['a', 'b', 'c'].map((user) => s.raw(user)))
    await Promise.all(members.map((member) => member.opened))
    const closing = s.server.close({ restartMs })
    servers.splice(0)
    const path = `/sync/team/${s.teamId}?token=${await tokenFor(s.dir, s.teamId, 'late')}`
    return { ...s, closing, late: handUpgrade(s.server.port, path) }
  }

  it('is answered with the 1012 naming when to come back (D), then a FIN: a client that reads but never answers gets both', async () => {
    const restartMs = 640
    const { closing, late } = await draining(restartMs)
    // Resolves at the server's FIN; before, the server waited for an answer to its close frame (ws: 30 s) before ending.
    const received = await late.read()
    expect(received.status).toBe('HTTP/1.1 101 Switching Protocols')
    expect(received.close?.code).toBe(CloseCode.draining)
    const comeback = comebackOf(received.close!.reason)
    expect(comeback?.windowMs).toBe(comebackWindowMs(3))
    expect(comeback?.afterMs).toBeGreaterThan(restartMs)
    late.socket.destroy()
    await closing
  })

  it('does not hold the exit when its client neither reads nor answers: close() resolves while that socket is still open on the client side, which then reads its 1012 and the end', async () => {
    const { closing, late } = await draining(100)
    // Without the bound this takes ws's 30 s close timer, past the test's timeout.
    await closing
    expect(late.socket.destroyed).toBe(false)
    const received = await late.read()
    expect(received.close?.code).toBe(CloseCode.draining)
    late.socket.destroy()
  })
})

describe('drain: what the 1012 names', () => {
  it('tells each batch to wait out the rest of the drain and the successor\'s start, so earlier batches wait longer; also one arriving mid-drain (whose socket, too, is ended once)', async () => {
    const restartMs = 640
    const { server, raw } = await setup({ drainWindowMs: 1000 })
    const members = await Promise.all(['a', 'b', 'c'].map((user) => raw(user)))
    await Promise.all(members.map((member) => member.opened))
    const readOrder: Array<{ code: number; reason: string }> = []
    for (const member of members) void member.closed.then((close) => readOrder.push(close))
    const ends = countRepeatedServerEnds()
    const closing = server.close({ restartMs })
    servers.splice(0)
    const late = await raw('d')
    const lateClose = await late.closed
    await Promise.all(members.map((member) => member.closed))
    await closing
    ends.restore()
    // The one refused mid-drain answered its 1012 too: its socket was ended once, like the members'.
    expect(ends.count()).toBe(0)
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
