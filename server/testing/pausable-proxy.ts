/** A TCP proxy in front of a test server: pause what the server sends, or cut the connections, as a bad network would. Not shipped code. */
import { createServer, connect, type AddressInfo, type Socket } from 'node:net'

export interface PausableProxy {
  /** http://127.0.0.1:port, to use in place of the server's URL. */
  url: string
  /** Stops reading what the server sends on the connections open now (the client stops reading). */
  pause(): void
  /** Reads again; new connections are never paused. */
  resume(): void
  /** Cuts the connections open now, as a lost network would; new ones still pass. */
  drop(): void
  /**
   * From now on, a new connection's requests reach the server but nothing the server answers
   * (a WebSocket's upgrade first) reaches the client until `admit`: a server slow to admit.
   */
  holdNew(): void
  /** Lets the held connections hear the server, and new connections pass again. */
  admit(): void
  close(): Promise<void>
}

/** A TCP proxy to a local port that can stop reading the server's side: a client that stops reading. */
export async function pausableProxy(targetPort: number): Promise<PausableProxy> {
  const pairs = new Set<{ client: Socket; upstream: Socket }>()
  const held = new Set<{ client: Socket; upstream: Socket }>()
  let holding = false
  const proxy = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1')
    const pair = { client, upstream }
    pairs.add(pair)
    client.pipe(upstream)
    if (holding) held.add(pair)
    else upstream.pipe(client)
    const end = () => {
      pairs.delete(pair)
      held.delete(pair)
      client.destroy()
      upstream.destroy()
    }
    for (const socket of [client, upstream]) {
      socket.on('error', end)
      socket.on('close', end)
    }
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    pause: () => {
      for (const { client, upstream } of pairs) {
        upstream.unpipe(client)
        upstream.pause()
      }
    },
    resume: () => {
      for (const { client, upstream } of pairs) upstream.pipe(client)
    },
    drop: () => {
      for (const { client } of pairs) client.destroy()
    },
    holdNew: () => {
      holding = true
    },
    admit: () => {
      holding = false
      for (const { client, upstream } of held) upstream.pipe(client)
      held.clear()
    },
    close: () =>
      new Promise((resolve) => {
        for (const { client } of pairs) client.destroy()
        proxy.close(() => resolve())
      }),
  }
}
