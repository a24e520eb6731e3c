import type { WebsocketProvider } from 'y-websocket'
import { ID_PATTERN } from '../model/schema'
import { READ_MARKER_MESSAGE, decodeReadMarkers, encodeReadMarkerMessages, encodeReadMarkers } from '../contract/read-markers'
import type { DeviceReadMarks } from './device-read-markers'

/**
 * My read markers on the team connection, which asked for them (`?reads=marker`): each move this
 * device makes goes to the server at once, every marker goes again on each connect (reads made
 * offline), and markers the server sends (my other devices' reads) are kept where they are higher.
 * Both sides keep the maximum, so the order of any of this does not matter. The first message
 * settles a device that knew none of my markers (device-read-markers.ts).
 */
export class ReadMarkerSync {
  private readonly stopListening: () => void

  constructor(
    private readonly provider: WebsocketProvider,
    private readonly marks: DeviceReadMarks,
    /** Told when a marker from the server moved one of mine (the unread counts changed). */
    private readonly onMerged: () => void,
  ) {
    provider.messageHandlers[READ_MARKER_MESSAGE] = (_encoder, decoder) => this.read(decoder.arr)
    provider.on('status', this.onStatus)
    this.stopListening = marks.onMove((roomId, seq) => this.send([encodeReadMarkers([{ roomId, seq }])]))
  }

  close(): void {
    this.provider.off('status', this.onStatus)
    this.stopListening()
  }

  private readonly onStatus = ({ status }: { status: string }): void => {
    // Room ids that no longer fit the id shape (an older version's) stay on this device only.
    if (status === 'connected') this.send(encodeReadMarkerMessages(this.marks.all().filter(({ roomId }) => ID_PATTERN.test(roomId))))
  }

  private send(messages: readonly Uint8Array[]): void {
    const ws = this.provider.ws
    if (!this.provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return
    for (const message of messages) ws.send(message)
  }

  private read(message: Uint8Array): void {
    const decoded = decodeReadMarkers(message)
    // The server decodes what it sends: a message that does not decode is dropped, not guessed at.
    if (!decoded.ok) return
    let moved = this.marks.settle()
    for (const { roomId, seq } of decoded.markers) moved = this.marks.merge(roomId, seq) || moved
    if (moved) this.onMerged()
  }
}
