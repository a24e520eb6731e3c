/** A hand-driven Yjs client over a raw socket: writes exactly what a test makes it write. Not shipped code. */
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { decodeMessage, encodeAwareness, encodeSyncStep1, encodeUpdate } from '../sync/protocol'
import { rawClient, waitFor, type RawClient } from './harness'

export interface RawYjsClient extends RawClient {
  doc: Y.Doc
  /** Resolves once the server's whole document has arrived (sync step 2). */
  synced: Promise<void>
  /** Runs `edit` on the local replica and sends the updates it makes (as one), whatever they are. */
  write(edit: (doc: Y.Doc) => void): Uint8Array
  /** Sends an update as is. */
  send(update: Uint8Array): void
  /** Publishes this client's presence state. */
  present(state: Record<string, unknown>): void
}

export function rawYjsClient(serverUrl: string, docName: string, token: string): RawYjsClient {
  const client = rawClient(serverUrl, docName, token)
  const doc = new Y.Doc()
  const awareness = new Awareness(doc)
  // Its outdated-state timer would outlive the socket and keep a bench's process from ending.
  client.ws.on('close', () => awareness.destroy())
  let synced = false
  client.ws.on('message', (data) => {
    const message = decodeMessage(new Uint8Array(data as Buffer))
    if (message.type === 'syncStep2' || message.type === 'update') {
      Y.applyUpdate(doc, message.update, 'server')
      if (message.type === 'syncStep2') synced = true
    }
  })
  client.opened.then(() => client.ws.send(encodeSyncStep1(doc)))
  const send = (update: Uint8Array) => client.ws.send(encodeUpdate(update))
  return {
    ...client,
    doc,
    synced: waitFor('the server document', () => synced).then(() => undefined),
    write(edit) {
      const made: Uint8Array[] = []
      const collect = (update: Uint8Array, origin: unknown) => origin !== 'server' && made.push(update)
      doc.on('update', collect)
      try {
        edit(doc)
      } finally {
        doc.off('update', collect)
      }
      const update = Y.mergeUpdates(made)
      send(update)
      return update
    },
    send,
    present(state) {
      awareness.setLocalState(state)
      client.ws.send(encodeAwareness(encodeAwarenessUpdate(awareness, [doc.clientID])))
    },
  }
}

/** Appends a well-formed discussion message, as the model writes one, to any replica. */
export function appendMessage(doc: Y.Doc, author: string, text: string, id: string): void {
  doc.transact(() => {
    const message = new Y.Map<unknown>()
    doc.getArray('messages').push([message])
    for (const [key, value] of Object.entries({ id, author, text, at: 1, edited: null, preview: null })) message.set(key, value)
  })
}
