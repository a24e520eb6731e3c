// Writes a long discussion straight to the real server, as one member's Yjs client would, in
// updates well under the server's message size limit.
import { chatDocName } from '../../shared/contract/doc-names'
import { Discussion } from '../../shared/model/discussion'
import { waitFor } from '../../server/testing/harness'
import { rawYjsClient } from '../../server/testing/raw-yjs-client'

const BATCH = 1_000

/** Messages "Message 1" … "Message <count>" by `author`, a second apart, the last a little before now. */
export async function writeLongDiscussion(serverUrl: string, teamId: string, roomId: string, author: string, token: string, count: number): Promise<void> {
  const writer = rawYjsClient(serverUrl, chatDocName(teamId, roomId), token)
  await writer.synced
  const start = Date.now() - count * 1_000
  for (let first = 0; first < count; first += BATCH) {
    writer.write((doc) => {
      const discussion = new Discussion(doc)
      doc.transact(() => {
        for (let n = first; n < Math.min(count, first + BATCH); n++) discussion.post(`m${n}`, author, `Message ${n + 1}`, start + n * 1_000)
      })
    })
  }
  // Done once another client has them all from the server: then closing the writer loses nothing.
  const reader = rawYjsClient(serverUrl, chatDocName(teamId, roomId), token)
  await waitFor(`all ${count} messages on the server`, () => reader.doc.getArray('messages').length === count || null, 60_000)
  writer.ws.close()
  reader.ws.close()
}
