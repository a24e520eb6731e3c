// Read markers between one member's devices (issue 12): what a marker move costs on the wire, for
// the device that reads and for its other device, and that the team document does not grow with
// reads (a bystander's replica and the bytes it is sent, while the member reads).
import * as Y from 'yjs'
import { READ_MARKER_MESSAGE, encodeReadMarkers } from '../../shared/contract/read-markers'
import { chatDocName, teamDocName } from '../../shared/contract/doc-names'
import { Discussion } from '../../shared/model/discussion'
import { readSummary } from '../../shared/model/room-activity'
import { TeamDoc } from '../../shared/model/team-doc'
import { createTestTeam, startTestServer, tempDir, tokenFor, waitFor } from '../../server/testing/harness'
import { markerClient } from '../../server/testing/marker-client'
import { rawYjsClient, type RawYjsClient } from '../../server/testing/raw-yjs-client'
import { MessageType, SyncType, encodeSyncStep1 } from '../../server/sync/protocol'
import { bytesRead } from '../presence-bytes'
import type { Figure } from '../presence'

const MOVES = 200
const ROOM = 'kitchen'

/** Resolves once everything the server sent the client before the call has arrived (a sync step 1 answered in order). */
async function barrier(client: RawYjsClient): Promise<void> {
  const answers = () => client.frames.filter((frame) => frame[0] === MessageType.sync && frame[1] === SyncType.step2).length
  const before = answers()
  client.ws.send(encodeSyncStep1(new Y.Doc()))
  await waitFor('the sync answer', () => answers() > before)
}

export async function runReadMarkerDevicesBench(): Promise<Figure[]> {
  const dir = tempDir('hallway-bench-devices-')
  const teamId = await createTestTeam(dir, 'Devices Co')
  const server = await startTestServer(dir)
  const sockets: Array<{ ws: { terminate(): void } }> = []
  try {
    const token = (user: string) => tokenFor(dir, teamId, user)
    const bystander = rawYjsClient(server.url, teamDocName(teamId), await token('bystander'))
    const poster = rawYjsClient(server.url, chatDocName(teamId, ROOM), await token('poster'))
    sockets.push(bystander, poster)
    await Promise.all([bystander.synced, poster.synced])
    poster.write((doc) => {
      for (let i = 0; i < MOVES; i++) new Discussion(doc).post(`m-${i}`, 'poster', `message ${i}`, 1)
    })
    await waitFor('the summary at the bystander', () => readSummary(new TeamDoc(bystander.doc), ROOM)?.seq === MOVES, 30_000)

    const laptop = markerClient(server.url, teamDocName(teamId), await token('ada'))
    const phone = markerClient(server.url, teamDocName(teamId), await token('ada'))
    sockets.push(laptop, phone)
    await Promise.all([laptop.opened, phone.opened, laptop.barrier(), phone.barrier(), bystander.synced])
    const documentBefore = Y.encodeStateAsUpdate(bystander.doc).byteLength
    const bystanderFramesBefore = bystander.frames.length
    const phoneBefore = bytesRead(phone)
    let sent = 0
    const started = performance.now()
    // One move at a time, each once the phone has it: a member reads far slower than the rate limit.
    for (let seq = 1; seq <= MOVES; seq++) {
      const message = [{ roomId: ROOM, seq }]
      laptop.send(message)
      sent += encodeReadMarkers(message).byteLength
      await phone.receives(ROOM, seq)
    }
    const elapsed = performance.now() - started
    const phoneBytes = bytesRead(phone) - phoneBefore
    // Anything the moves could have sent the bystander is on its socket before this answer.
    await barrier(bystander)
    const bystanderBytes = bystander.frames
      .slice(bystanderFramesBefore)
      .filter((frame) => frame[0] === READ_MARKER_MESSAGE || (frame[0] === MessageType.sync && frame[1] === SyncType.update))
      .reduce((sum, frame) => sum + frame.byteLength, 0)
    const documentAfter = Y.encodeStateAsUpdate(bystander.doc).byteLength
    const round = (value: number) => Math.round(value * 10) / 10
    return [
      { name: 'read marker move: message the reading device sends (payload)', value: round(sent / MOVES), unit: 'B' },
      { name: "read marker move: bytes on the wire to the member's other device (TCP)", value: round(phoneBytes / MOVES), unit: 'B' },
      { name: `team document after ${MOVES} marker moves of one member`, value: documentAfter, unit: 'B', baseline: { name: 'before', value: documentBefore } },
      { name: `document and marker bytes another member is sent during those ${MOVES} moves`, value: bystanderBytes, unit: 'B' },
      { name: 'bench only: one move from one device to the other (loopback, busy machine)', value: round(elapsed / MOVES), unit: 'ms' },
    ]
  } finally {
    for (const socket of sockets) socket.ws.terminate()
    await server.close()
  }
}
