// Stock y-websocket clients (WebsocketProvider over the `ws` package), each on its own socket
// whose kernel byte counts we keep, so bytes per delivery are socket bytes, framing included.
import { connect, type NetConnectOpts, type Socket } from 'node:net'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { withExitListenerAllowance } from '../../server/testing/exit-listeners'
import type { ClientPlan } from './messages'

export interface StockClient {
  user: string
  docName: string
  doc: Y.Doc
  provider: WebsocketProvider
  /** Presence changes this client has made, to vary room and mic. */
  changes: number
}

/** The sockets every client opened, reconnects included. */
export class SocketLedger {
  private readonly sockets: Socket[] = []

  add(socket: Socket): void {
    this.sockets.push(socket)
  }

  bytesRead(): number {
    let total = 0
    for (const socket of this.sockets) total += socket.bytesRead
    return total
  }
}

function countingWebSocket(ledger: SocketLedger) {
  const createConnection = (options: NetConnectOpts) => {
    const socket = connect(options)
    ledger.add(socket)
    return socket
  }
  return class CountingWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { createConnection: createConnection as typeof connect })
    }
  }
}

/** Opens the clients `batch` at a time, each batch synced before the next starts. */
export async function openStockClients(
  serverUrl: string,
  plans: readonly ClientPlan[],
  ledger: SocketLedger,
  options: { batch: number; timeoutMs: number; state?: Record<string, unknown> },
): Promise<StockClient[]> {
  const Polyfill = countingWebSocket(ledger) as unknown as typeof globalThis.WebSocket
  const clients: StockClient[] = []
  const deadline = Date.now() + options.timeoutMs
  for (let start = 0; start < plans.length; start += options.batch) {
    const batch = plans.slice(start, start + options.batch).map((plan) => {
      const doc = new Y.Doc()
      // Same-process providers would otherwise talk over BroadcastChannel and bypass the server.
      const provider = withExitListenerAllowance(
        () =>
          new WebsocketProvider(serverUrl, plan.docName, doc, {
            params: { token: plan.token },
            WebSocketPolyfill: Polyfill,
            disableBc: true,
            connect: false,
          }),
      )
      // Join without a state unless asked: every client announcing itself is an N² storm.
      provider.awareness.setLocalState(options.state ?? null)
      provider.connect()
      return { user: plan.user, docName: plan.docName, doc, provider, changes: 0 }
    })
    clients.push(...batch)
    await Promise.all(batch.map((client) => synced(client.provider, deadline)))
  }
  return clients
}

function synced(provider: WebsocketProvider, deadline: number): Promise<void> {
  if (provider.synced) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`client did not sync with ${provider.url.split('?')[0]}`)), Math.max(0, deadline - Date.now()))
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return
      provider.off('sync', onSync)
      clearTimeout(timer)
      resolve()
    }
    provider.on('sync', onSync)
  })
}

export function closeStockClients(clients: readonly StockClient[]): void {
  for (const client of clients) {
    client.provider.destroy()
    client.doc.destroy()
  }
}
