/** A raw team-document socket that speaks read markers (shared/contract/read-markers.ts), for tests. Not shipped code. */
import * as Y from 'yjs'
import { READ_MARKER_MESSAGE, READ_MARKER_PARAM, decodeReadMarkers, encodeReadMarkers, type ReadMarker } from '../../shared/contract/read-markers'
import { MessageType, SyncType, encodeSyncStep1 } from '../sync/protocol'
import { rawClient, waitFor, type RawClient } from './harness'

export interface MarkerClient extends RawClient {
  /** Every read marker received so far, in order. */
  markers(): ReadMarker[]
  send(markers: readonly ReadMarker[]): void
  /** Waits for a marker of `roomId` at `seq` to have arrived. */
  receives(roomId: string, seq: number): Promise<void>
  /**
   * Resolves once everything the server sent this socket before the call has arrived: a sync step
   * 1 answered in order, so a wrong delivery made earlier cannot still be on its way.
   */
  barrier(): Promise<void>
}

/** `negotiate: false` connects without `?reads=marker`, as any other client does. */
export function markerClient(serverUrl: string, docName: string, token: string, negotiate = true): MarkerClient {
  const client = rawClient(serverUrl, docName, token, {}, negotiate ? { [READ_MARKER_PARAM.name]: READ_MARKER_PARAM.value } : {})
  const markers = () =>
    client.frames.filter((frame) => frame[0] === READ_MARKER_MESSAGE).flatMap((frame) => {
      const decoded = decodeReadMarkers(frame)
      if (!decoded.ok) throw new Error(`the server sent a read marker message that does not decode: ${decoded.error}`)
      return decoded.markers
    })
  const answers = () => client.frames.filter((frame) => frame[0] === MessageType.sync && frame[1] === SyncType.step2).length
  return {
    ...client,
    markers,
    send: (sent) => client.ws.send(encodeReadMarkers(sent)),
    receives: async (roomId, seq) => {
      await waitFor(`the marker ${roomId}:${seq}`, () => markers().some((marker) => marker.roomId === roomId && marker.seq === seq))
    },
    barrier: async () => {
      await client.opened
      const before = answers()
      client.ws.send(encodeSyncStep1(new Y.Doc()))
      await waitFor('the sync answer', () => answers() > before)
    },
  }
}
