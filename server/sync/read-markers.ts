import { encodeReadMarkerMessages, encodeReadMarkers, type ReadMarker } from '../../shared/contract/read-markers'
import type { TokenClaims } from '../../shared/contract/token-claims'
import { readSummary } from '../../shared/model/room-activity'
import { TeamDoc } from '../../shared/model/team-doc'
import type { Logger } from '../observe/log'
import type { Metrics } from '../observe/metrics'
import type { ReadMarkerStore } from '../store/member-state-store'
import type { LiveDoc } from './live-doc'
import type { Peer } from './peer'
import { WireFrame } from './ws-frame'

/**
 * How far a marker may run ahead of the room's summary as this node's team document has it: a
 * member's other device may have read a post accepted on another node whose summary has not
 * reached this one yet. Anything further is clamped to it (see ReadMarkerDesk.received).
 */
export const READ_MARKER_SLACK = 16

/** A team-document connection that asked for read markers, as the desk sees it. */
export interface MarkerConnection extends Peer {
  readonly claims: TokenClaims
  /** The team document it is connected to. */
  readonly room: LiveDoc
}

export interface ReadMarkerDeskOptions {
  store: ReadMarkerStore
  metrics: Metrics
  log: Logger
}

/**
 * The server's side of cross-device read state: one keep-the-maximum register per (team, member,
 * room) in the store, sent to that member's own connections only. The member is always the
 * connection's token's; a room must be one the team has, so a member holds at most as many
 * markers as the team has rooms.
 */
export class ReadMarkerDesk {
  /** Each connection's markers are handled in the order it sent them. */
  private readonly tails = new WeakMap<MarkerConnection, Promise<void>>()

  constructor(private readonly options: ReadMarkerDeskOptions) {}

  /**
   * A connection just joined: it gets its member's markers of the rooms the team has now. A marker
   * the member's other device raises while the store is read reaches it live, and the read may
   * already hold it too: the stored ones leave out what went live, so none arrives twice.
   */
  opened(connection: MarkerConnection): void {
    const sentLive = new Map<string, number>()
    const stopWatching = connection.room.readMarkers.watch(connection, (markers) => {
      for (const { roomId, seq } of markers) sentLive.set(roomId, Math.max(seq, sentLive.get(roomId) ?? 0))
    })
    this.enqueue(connection, async () => {
      const { team, sub } = connection.claims
      let stored: Map<string, number>
      try {
        stored = await this.options.store.readMarkers(team, sub)
      } finally {
        stopWatching()
      }
      const rooms = new Set(new TeamDoc(connection.room.doc).roomIds())
      const markers: ReadMarker[] = []
      const gone: string[] = []
      for (const [roomId, seq] of stored) {
        if (!rooms.has(roomId)) gone.push(roomId)
        else if (seq > (sentLive.get(roomId) ?? 0)) markers.push({ roomId, seq })
      }
      // Always at least one message: an empty one tells a new device its markers are all here.
      const messages = markers.length > 0 ? encodeReadMarkerMessages(markers) : [encodeReadMarkers([])]
      for (const message of messages) connection.send(new WireFrame(message))
      if (gone.length > 0) await this.options.store.dropReadMarkers(team, sub, gone)
    })
  }

  /**
   * The connection's member just joined the team (this connection added them): every message
   * posted so far is read, so a new member starts with none unread. The markers are the rooms'
   * sequences now, stored before `opened` reads them; a post after this moment stays unread.
   */
  joined(connection: MarkerConnection): void {
    const team = new TeamDoc(connection.room.doc)
    const markers: ReadMarker[] = []
    for (const roomId of team.roomIds()) {
      const seq = readSummary(team, roomId)?.seq ?? 0
      if (seq > 0) markers.push({ roomId, seq })
    }
    if (markers.length === 0) return
    const { team: teamId, sub } = connection.claims
    this.enqueue(connection, async () => {
      await this.options.store.raiseReadMarkers(teamId, sub, markers)
    })
  }

  /**
   * Markers the connection sent. A room the team does not have is ignored (an honest device may
   * have read it before it was deleted); a marker beyond the room's summary plus the slack is
   * clamped to that, not refused: an honest device only gets there when this node lags, and a
   * forged one can only hide the member's own future messages from themselves. Only a marker
   * that raises the stored one goes on, to the member's other connections.
   */
  received(connection: MarkerConnection, markers: readonly ReadMarker[]): void {
    const team = new TeamDoc(connection.room.doc)
    const accepted: ReadMarker[] = []
    for (const { roomId, seq } of markers) {
      if (team.room(roomId) === null) {
        this.options.metrics.countRefusal('read-marker-unknown-room')
        continue
      }
      const ceiling = (readSummary(team, roomId)?.seq ?? 0) + READ_MARKER_SLACK
      if (seq > ceiling) this.options.metrics.countRefusal('read-marker-clamped')
      accepted.push({ roomId, seq: Math.min(seq, ceiling) })
    }
    if (accepted.length === 0) return
    this.enqueue(connection, async () => {
      const raised = await this.options.store.raiseReadMarkers(connection.claims.team, connection.claims.sub, accepted)
      if (raised.length > 0) connection.room.readMarkers.raised(connection, raised)
    })
  }

  private enqueue(connection: MarkerConnection, work: () => Promise<void>): void {
    const tail = (this.tails.get(connection) ?? Promise.resolve()).then(work).catch((error) => {
      this.options.log.error('read markers not handled', { conn: connection.id, user: connection.claims.sub, error })
    })
    this.tails.set(connection, tail)
  }
}
