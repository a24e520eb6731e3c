import type * as decoding from 'lib0/decoding'
import { applyAwarenessUpdate } from 'y-protocols/awareness'
import type { WebsocketProvider } from 'y-websocket'
import { encodeAwarenessEntries, type AwarenessEntry } from '../contract/awareness-update'
import { PRESENCE_DELTA_MESSAGE, applyPresenceChanges, decodePresenceDeltas, diffPresence, encodePresenceDeltas } from '../contract/presence-delta'

const QUERY_AWARENESS = 3

export type AwarenessChanges = { added: number[]; updated: number[]; removed: number[] }

/**
 * My presence on a y-websocket connection that asked for presence deltas (`?presence=delta`):
 * a change of a few fields goes out as a delta, and deltas from the server are read into the
 * provider's awareness as the whole states they lead to, so the view sees the same either way.
 *
 * A change goes whole when the connection's server may not hold my previous clock (first send
 * on a connection, after a reconnect), when I join or leave, and for the 15 s renewal: renewals
 * repeat an unchanged state, and sending it whole lets any peer that missed a step catch up
 * within one renewal (stock clients get it whole from the server anyway).
 */
export class PresenceWire {
  /** My state and clock as this connection's server last got them; null: the next change goes whole. */
  private sent: { clock: number; state: unknown } | null = null

  constructor(private readonly provider: WebsocketProvider) {
    provider.on('status', () => (this.sent = null))
    provider.messageHandlers[PRESENCE_DELTA_MESSAGE] = (_encoder, decoder) => this.read(decoder)
    // The server asks when it cannot build on a delta of mine (it lost my state): resend it whole.
    provider.messageHandlers[QUERY_AWARENESS] = () => this.announceWhole()
  }

  /** Sends my own change: as a delta when that is possible and shorter, else through `whole`. */
  sendOwn(changes: AwarenessChanges, origin: unknown, whole: (changes: AwarenessChanges, origin: unknown) => void): void {
    const { awareness, ws } = this.provider
    const state = awareness.getLocalState()
    const clock = awareness.meta.get(awareness.clientID)?.clock ?? 0
    const previous = this.sent
    const open = this.provider.wsconnected && ws !== null && ws.readyState === ws.OPEN
    this.sent = open && state !== null ? { clock, state } : null
    const fields = open && previous && previous.clock === clock - 1 && previous.state !== state ? diffPresence(previous.state, state) : null
    if (fields && fields.length > 0) {
      const delta = encodePresenceDeltas([{ clientId: awareness.clientID, clock, steps: 1, changes: fields }])
      if (delta.byteLength < JSON.stringify(state).length) return ws!.send(delta)
    }
    whole(changes, origin)
  }

  private announceWhole(): void {
    const { awareness } = this.provider
    const state = awareness.getLocalState()
    this.sent = null
    if (state !== null) awareness.setLocalState({ ...state })
  }

  /**
   * Applies the deltas that build on the clock this awareness holds; one that builds on a clock
   * it missed (its renewal timed out here, say) makes it ask the server for every state whole.
   */
  private read(decoder: decoding.Decoder): void {
    const decoded = decodePresenceDeltas(decoder.arr)
    // The server decodes what it relays: a message that does not decode is dropped, not guessed at.
    if (!decoded.ok) return
    const { awareness, ws } = this.provider
    const entries: AwarenessEntry[] = []
    let missed = false
    for (const { clientId, clock, steps, changes } of decoded.deltas) {
      const held = awareness.meta.get(clientId)?.clock ?? -1
      if (clientId === awareness.clientID || held >= clock) continue
      const base = awareness.states.get(clientId) as unknown
      if (held !== clock - steps || typeof base !== 'object' || base === null || Array.isArray(base)) {
        missed = true
        continue
      }
      entries.push({ clientId, clock, state: applyPresenceChanges(base as Record<string, unknown>, changes) })
    }
    if (entries.length > 0) applyAwarenessUpdate(awareness, encodeAwarenessEntries(entries), this.provider)
    if (missed && ws && ws.readyState === ws.OPEN) ws.send(Uint8Array.of(QUERY_AWARENESS))
  }
}
