import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { chatDocName } from '../../shared/contract/doc-names'
import type { RunningServer } from '../start'
import { createTestTeam, rawClient, removeTempDirs, startTestServer, tempDir, tokenFor, waitFor, type RawClient } from '../testing/harness'
import { appendMessage, rawYjsClient } from '../testing/raw-yjs-client'
import { decodeMessage, encodeSyncStep1 } from './protocol'
import { SyncAnswers } from './sync-answers'

const clients: RawClient[] = []
const servers: RunningServer[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.ws.terminate()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

const messages = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>('messages').map((message) => message.get('id'))

describe('sync answers shared by a reconnect wave', () => {
  it('every joining client, new or already at the last version, gets every write made before it joined', async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir, 'Acme')
    const server = await startTestServer(dir)
    servers.push(server)
    const docName = chatDocName(teamId, 'lobby')
    const token = (user: string) => tokenFor(dir, teamId, user)
    const joinNew = async (user: string) => {
      const client = rawYjsClient(server.url, docName, await token(user))
      clients.push(client)
      await client.synced
      return messages(client.doc)
    }
    /** Joins with a replica's state vector; answers what the server's sync step 2 adds to a copy of it. */
    const joinWith = async (user: string, replica: Y.Doc) => {
      const client = rawClient(server.url, docName, await token(user))
      clients.push(client)
      await client.opened
      client.ws.send(encodeSyncStep1(replica))
      const step2 = await waitFor('sync step 2', () => client.frames.map((frame) => decodeMessage(frame)).find((message) => message.type === 'syncStep2'))
      if (step2.type !== 'syncStep2') throw new Error('expected sync step 2')
      const copy = new Y.Doc()
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(replica))
      Y.applyUpdate(copy, step2.update)
      return messages(copy)
    }

    const writer = rawYjsClient(server.url, docName, await token('writer'))
    const observer = rawYjsClient(server.url, docName, await token('observer'))
    clients.push(writer, observer)
    await Promise.all([writer.synced, observer.synced])
    writer.write((doc) => appendMessage(doc, 'writer', 'one', 'm1'))
    await waitFor('the observer to have m1', () => messages(observer.doc).length === 1)
    const atM1 = new Y.Doc()
    Y.applyUpdate(atM1, Y.encodeStateAsUpdate(observer.doc))

    expect(await joinNew('new-1')).toEqual(['m1'])
    expect(await joinNew('new-2')).toEqual(['m1'])
    expect(await joinWith('current-1', atM1)).toEqual(['m1'])
    expect(await joinWith('current-2', atM1)).toEqual(['m1'])

    writer.write((doc) => appendMessage(doc, 'writer', 'two', 'm2'))
    await waitFor('the observer to have m2', () => messages(observer.doc).length === 2)
    expect(await joinNew('new-3')).toEqual(['m1', 'm2'])
    expect(await joinWith('was-current', atM1)).toEqual(['m1', 'm2'])
    expect(await joinWith('empty', new Y.Doc())).toEqual(['m1', 'm2'])
  })

  it("keeps its answers in buffers of their own: a kept frame sliced from Buffer's 8 KB pool would hold the whole slab for as long as the document is loaded", () => {
    const doc = new Y.Doc()
    doc.getMap('rooms').set('lobby', 'Lobby')
    const answers = new SyncAnswers(doc)
    const own = (bytes: Buffer) => bytes.buffer.byteLength === bytes.byteLength
    expect(own(answers.syncStep1().bytes)).toBe(true)
    expect(own(answers.syncStep2(new Uint8Array([0])).bytes)).toBe(true)
    expect(own(answers.syncStep2(Y.encodeStateVector(doc)).bytes)).toBe(true)
  })
})
