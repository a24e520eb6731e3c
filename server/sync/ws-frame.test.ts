import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { WireFrame } from './ws-frame'

let server: Server | null = null
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

/** Writes each payload's WireFrame straight to an upgraded socket and returns what a real ws client received. */
async function sendOverRealSocket(payloads: Uint8Array[]): Promise<Uint8Array[]> {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })
  server = createServer()
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      for (const payload of payloads) socket.write(new WireFrame(payload).bytes)
      ws.close(1000)
    })
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`)
  const received: Uint8Array[] = []
  client.on('message', (data: Buffer, isBinary) => {
    expect(isBinary).toBe(true)
    received.push(new Uint8Array(data))
  })
  await new Promise((resolve) => client.on('close', resolve))
  return received
}

describe('WireFrame', () => {
  it('frames payloads of every length encoding so a stock ws client reads them back exactly', async () => {
    const sizes = [0, 1, 125, 126, 65_535, 65_536, 300_000]
    const payloads = sizes.map((size) => Uint8Array.from({ length: size }, (_, i) => (i * 31 + size) & 0xff))
    const received = await sendOverRealSocket(payloads)
    expect(received.map((bytes) => bytes.byteLength)).toEqual(sizes)
    received.forEach((bytes, i) => expect(Buffer.compare(bytes, payloads[i]!)).toBe(0))
  })

  it('builds its bytes once and shares them', () => {
    const frame = new WireFrame(new Uint8Array([1, 2, 3]))
    expect(frame.bytes).toBe(frame.bytes)
    expect([...frame.bytes]).toEqual([0x82, 3, 1, 2, 3])
  })

  it("frames a kept frame in a buffer of its own, not a slice of Buffer's shared pool, with the same bytes", () => {
    const payload = new Uint8Array([1, 2, 3])
    const shared = new WireFrame(payload).bytes
    const kept = WireFrame.kept(payload).bytes
    // A small pooled frame is a view into an 8 KB slab it keeps alive.
    expect(shared.buffer.byteLength).toBeGreaterThan(shared.byteLength)
    expect(kept.buffer.byteLength).toBe(kept.byteLength)
    expect([...kept]).toEqual([...shared])
  })
})
