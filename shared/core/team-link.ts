import type { Awareness } from 'y-protocols/awareness'
import { CloseCode, comebackOf, isRefusedWrite } from '../contract/close-codes'
import type { DeviceReadMarks } from './device-read-markers'
import { LastSeenPresence, comebackHoldMs } from './last-seen-presence'
import type { PresenceState } from './presence'
import { ReadMarkerSync } from './read-marker-sync'
import type { Replica } from './replica'
import { ServerAcks } from './server-acks'

/** What the core hears from its team replica's connection. */
export interface TeamLinkEvents {
  /** Anything the next view must be built whole for: the document, the line, read markers. */
  changed(): void
  /** Awareness states that were added, updated or removed. */
  presenceChanged(clientIds: number[]): void
  /** The socket is up (not reported once the server denied us: the line stays denied). */
  connected(): void
  /**
   * This connection's first sync is done, so who is online is known: the server sends its presence
   * snapshot at admission, before it can answer my sync step 1, and frames arrive in order.
   */
  synced(): void
  disconnected(): void
  /** The server closed the socket, for another reason than a refused write. */
  closed(code: number): void
  /** The server refused a write of this replica: it must be replaced. */
  refusedWrite(reason: string): void
  /** True once the server denied this sign-in. */
  denied(): boolean
}

/**
 * y-websocket dropped everyone's state but mine as the socket closed, yet kept their clocks: the
 * next server's presence snapshot repeats those clocks, and awareness ignores a state whose clock
 * it has seen, so everyone would stay offline until their next renewal (15 s).
 */
function forgetOthersClocks(awareness: Awareness): void {
  for (const clientId of [...awareness.meta.keys()]) if (clientId !== awareness.clientID && !awareness.states.has(clientId)) awareness.meta.delete(clientId)
}

/**
 * One team replica as the core uses it: listened to, my presence announced on it, and what is kept
 * per connection (server acks, last-seen presence, read marker sync). A refused replica's link is
 * closed and a fresh one made for its replacement.
 */
export class TeamLink {
  readonly acks: ServerAcks
  readonly lastSeen: LastSeenPresence
  private readonly readSync: ReadMarkerSync
  private holdEnds: ReturnType<typeof setTimeout> | undefined

  constructor(replica: Replica, presence: PresenceState, reads: DeviceReadMarks, events: TeamLinkEvents) {
    const provider = replica.provider
    const awareness = provider.awareness
    replica.doc.on('update', events.changed)
    this.acks = new ServerAcks(provider, () => {})
    awareness.setLocalState(presence)
    this.lastSeen = new LastSeenPresence(awareness, () => provider.wsconnected, () => provider.synced)
    this.readSync = new ReadMarkerSync(provider, reads, events.changed)
    awareness.on('change', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => events.presenceChanged([...added, ...updated, ...removed]))
    provider.on('status', ({ status }) => {
      if (status === 'disconnected') forgetOthersClocks(awareness)
      if (events.denied()) return
      if (status === 'connected') events.connected()
      else events.disconnected()
      events.changed()
    })
    provider.on('sync', (synced: boolean) => {
      if (!synced || events.denied()) return
      events.synced()
      events.changed()
    })
    replica.onRefusedWrite(events.refusedWrite)
    provider.on('connection-close', (event) => {
      if (event?.code === CloseCode.draining) this.holdThroughComeback(event.reason, events.changed)
      if (!event || isRefusedWrite(event.code, provider.synced)) return
      events.closed(event.code)
      events.changed()
    })
  }

  /**
   * A 1012 names when the others come back (after D ms, within W ms, as this core's own retries
   * do, each capped as defaultBackoff caps them); until then, and the time their sync takes, those
   * not back yet are drawn where they were; then the view is built again without them.
   */
  private holdThroughComeback(reason: string, rebuild: () => void): void {
    const comeback = comebackOf(reason)
    if (comeback === null) return
    const ms = comebackHoldMs(comeback)
    this.lastSeen.holdFor(ms)
    clearTimeout(this.holdEnds)
    this.holdEnds = setTimeout(rebuild, ms)
  }

  close(): void {
    clearTimeout(this.holdEnds)
    this.lastSeen.close()
    this.readSync.close()
  }
}
