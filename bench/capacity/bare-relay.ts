// The floor: a WebSocket relay with no Yjs. Every binary message a socket sends is framed once and
// the same bytes written to every other socket of its document (the URL path), as ours does with
// a broadcast. Nothing is decoded, checked or stored: what is left is ws and the kernel.
// node bench/capacity/bare-relay.ts PORT
import { createServer } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import { WireFrame } from '../../server/sync/ws-frame'

const port = Number(process.argv[2])
const rooms = new Map<string, Set<Duplex>>()
const http = createServer((_, res) => res.writeHead(404).end())
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, clientTracking: false })

http.on('upgrade', (req, socket, head) => {
  const room = req.url ?? '/'
  wss.handleUpgrade(req, socket, head, (ws) => {
    const peers = rooms.get(room) ?? new Set<Duplex>()
    rooms.set(room, peers)
    peers.add(socket)
    ws.on('message', (data: Buffer) => {
      const frame = new WireFrame(data).bytes
      for (const peer of peers) if (peer !== socket) peer.write(frame)
    })
    ws.on('close', () => peers.delete(socket))
    ws.on('error', () => {})
  })
})
http.listen(port, '127.0.0.1', () => console.log(`bare relay running at 127.0.0.1:${port}`))
process.on('SIGTERM', () => process.exit(0))
