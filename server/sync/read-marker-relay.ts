import { encodeReadMarkers, type ReadMarker } from '../../shared/contract/read-markers'
import type { Peer } from './peer'
import { WireFrame } from './ws-frame'

type RaisedListener = (userId: string, markers: readonly ReadMarker[]) => void

/**
 * A team document's read markers in motion: a marker a member raised goes to that member's other
 * connections on this document (those that asked for markers), never to anyone else's, and to
 * whoever listens for the other nodes (fanout/doc-link.ts).
 */
export class ReadMarkerRelay {
  private readonly listeners = new Set<RaisedListener>()
  /** Connections whose stored markers are still being read: what the relay sends them meanwhile. */
  private readonly watchers = new Map<Peer, (markers: readonly ReadMarker[]) => void>()

  constructor(private readonly peers: ReadonlySet<Peer>) {}

  /** Markers the store just raised for `from`'s member, on this node. */
  raised(from: Peer, markers: readonly ReadMarker[]): void {
    this.deliver(from.userId, markers, from)
    for (const listener of this.listeners) listener(from.userId, markers)
  }

  /** Markers of `userId`, to that member's connections here (but `except`). */
  deliver(userId: string, markers: readonly ReadMarker[], except: Peer | null): void {
    let frame: WireFrame | null = null
    for (const peer of this.peers) {
      if (peer === except || peer.userId !== userId || !peer.readsReadMarkers) continue
      frame ??= new WireFrame(encodeReadMarkers(markers))
      peer.send(frame)
      this.watchers.get(peer)?.(markers)
    }
  }

  /** Until the returned stop, `seen` hears every marker sent to `peer` (ReadMarkerDesk.opened). */
  watch(peer: Peer, seen: (markers: readonly ReadMarker[]) => void): () => void {
    this.watchers.set(peer, seen)
    return () => this.watchers.delete(peer)
  }

  onRaised(listener: RaisedListener): void {
    this.listeners.add(listener)
  }
}
