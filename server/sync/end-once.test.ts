import { Socket, createServer, type Server } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { endOnce } from './end-once'

const servers: Server[] = []
afterEach(async () => {
  vi.restoreAllMocks()
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve))
})

/** A real loopback TCP pair: the accepted socket (what the sync server holds) and the client's. */
async function socketPair(): Promise<{ accepted: Socket; client: Socket }> {
  const server = createServer()
  servers.push(server)
  const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  const client = new Socket().connect(port, '127.0.0.1')
  return { accepted: await accepted, client }
}

/** The calls that reached the stream's own end() on this socket (the client's own ends are not counted). */
function endsOf(spy: { mock: { contexts: unknown[] } }, socket: Socket): number {
  return spy.mock.contexts.filter((context) => context === socket).length
}

describe('endOnce', () => {
  it('ends the socket (the peer reads a clean end), and a repeated bare end() never reaches the stream again', async () => {
    const { accepted, client } = await socketPair()
    const streamEnd = vi.spyOn(Socket.prototype, 'end')
    endOnce(accepted)
    const clientEnded = new Promise((resolve) => client.once('end', resolve))
    expect(accepted.end()).toBe(accepted)
    await clientEnded
    // ws's later ends: after the FIN went out, and after the socket finished and closed.
    expect(accepted.end()).toBe(accepted)
    client.end()
    await new Promise((resolve) => accepted.once('close', resolve))
    expect(accepted.end()).toBe(accepted)
    expect(endsOf(streamEnd, accepted)).toBe(1)
  })

  it('passes on an end() with a callback, and one on a corked stream, as the stream needs those (the callback called, the stream uncorked)', async () => {
    const { accepted, client } = await socketPair()
    const streamEnd = vi.spyOn(Socket.prototype, 'end')
    endOnce(accepted)
    accepted.end()
    // The stream's own answer to a second end: a caller who asked for a callback still gets it.
    await new Promise<void>((resolve) => accepted.end(() => resolve()))
    accepted.cork()
    accepted.end()
    expect(accepted.writableCorked).toBe(0)
    expect(endsOf(streamEnd, accepted)).toBe(3)
    client.destroy()
  })

  it('ends a socket not ended yet even when called a second time on a fresh one: each stream keeps its own state', async () => {
    const first = await socketPair()
    const second = await socketPair()
    endOnce(first.accepted)
    endOnce(second.accepted)
    first.accepted.end()
    expect(second.accepted.writableEnded).toBe(false)
    second.accepted.end()
    expect(second.accepted.writableEnded).toBe(true)
    first.client.destroy()
    second.client.destroy()
  })
})
