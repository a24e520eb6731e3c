import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { messageYjsSyncStep2, writeSyncStep1 } from 'y-protocols/sync'
import { messageSync, type WebsocketProvider } from 'y-websocket'
import type { Delivery } from '../contract/view'

/**
 * Counts this replica's local changes and learns which of them the server has. The y-websocket
 * protocol has no acknowledgement, but our server handles a connection's frames in order and
 * answers a sync step 1 at once: a step 2 answering a step 1 sent after a change proves the server
 * applied that change (and queued its store write, which comes before any broadcast of it).
 * The provider's own step 1 on connect is answered before the server sees our step 2, so it
 * proves nothing; only our probes count.
 */
export class ServerAcks {
  private changes = 0
  private acknowledged = 0
  /** Each unanswered probe, oldest first (the server answers in order): the change count it covers, and who waits on it. */
  private probes: { mark: number; waiters: Array<() => void> }[] = []
  /** Waiting for a probe not sent yet: it will cover every frame sent before it (awareness too). */
  private waitingForNextProbe: Array<() => void> = []
  private providerStep1Answered = false

  constructor(
    private readonly provider: WebsocketProvider,
    private readonly onChange: () => void,
  ) {
    // Attach before connecting and after loading from storage: then every update not from the
    // provider is a change made here. Registered after the provider's own update handler, so a
    // probe always follows the change it covers.
    provider.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === provider) return
      this.changes++
      this.probe()
    })
    provider.on('status', () => {
      // Unanswered probes died with the connection; their waiters go on the first probe after the reconnect's sync.
      this.waitingForNextProbe.unshift(...this.probes.flatMap((probe) => probe.waiters))
      this.probes = []
      this.providerStep1Answered = false
      onChange()
    })
    const handleSync = provider.messageHandlers[messageSync]!
    provider.messageHandlers[messageSync] = (encoder, decoder, target, emitSynced, messageType) => {
      const isStep2 = decoding.peekVarUint(decoder) === messageYjsSyncStep2
      handleSync(encoder, decoder, target, emitSynced, messageType)
      if (isStep2) this.onStep2()
    }
  }

  /** How many local changes so far: the number of the latest. */
  localChanges(): number {
    return this.changes
  }

  /**
   * Resolves once the server has handled every frame this replica sent before the call: doc
   * changes and awareness (presence) updates alike, since the server takes a connection's frames in
   * order. Offline, it waits for the next connection (the caller bounds the wait).
   */
  serverHasAll(): Promise<void> {
    return new Promise((resolve) => {
      this.waitingForNextProbe.push(resolve)
      this.probe()
    })
  }

  /** Where the local change numbered `change` (a `localChanges()` value) is. */
  deliveryOf(change: number): Delivery {
    if (change <= this.acknowledged) return 'sent'
    return this.provider.wsconnected ? 'sending' : 'offline'
  }

  private onStep2(): void {
    if (!this.providerStep1Answered) {
      this.providerStep1Answered = true
      this.probe()
      this.onChange()
      return
    }
    const answered = this.probes.shift()
    if (answered === undefined) return
    const { mark, waiters } = answered
    waiters.forEach((resolve) => resolve())
    if (mark > this.acknowledged) {
      this.acknowledged = mark
      this.onChange()
    }
    this.probe()
  }

  /** One probe in flight at a time: its answer sends the next one if more changes came meanwhile. */
  private probe(): void {
    const ws = this.provider.ws
    if (!ws || !this.provider.wsconnected || !this.providerStep1Answered) return
    if (this.probes.length > 0 || (this.changes <= this.acknowledged && this.waitingForNextProbe.length === 0)) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageSync)
    writeSyncStep1(encoder, this.provider.doc)
    try {
      ws.send(encoding.toUint8Array(encoder))
      this.probes.push({ mark: this.changes, waiters: this.waitingForNextProbe.splice(0) })
    } catch {
      // The socket closed under us: the reconnect's sync re-sends every change, then probes again.
    }
  }
}
