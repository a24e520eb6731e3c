/** Discussion writes sized for the server's caps, and the marker write a watcher waits for. Not shipped code. */
import * as Y from 'yjs'
import { encodeUpdate } from '../sync/protocol'
import type { RawClient } from './harness'
import { appendMessage } from './raw-yjs-client'

export const MARKER = 'marker'
/** The longest message text the rules allow: big writes are many of these in one update. */
export const MESSAGE_CHARS = 4000

/** One Y.Doc per writer: each call returns one update of `bytes` of message text by `author`, ids `<key>-<n>`. */
export function messageWriter(author: string): (key: string, bytes: number) => Uint8Array {
  const doc = new Y.Doc()
  return (key, bytes) => {
    const before = Y.encodeStateVector(doc)
    doc.transact(() => {
      for (let i = 0; i * MESSAGE_CHARS < bytes; i++) appendMessage(doc, author, 'x'.repeat(Math.min(MESSAGE_CHARS, bytes - i * MESSAGE_CHARS)), `${key}-${i}`)
    })
    return encodeUpdate(Y.encodeStateAsUpdate(doc, before))
  }
}

export function messageIds(doc: Y.Doc): Set<string> {
  return new Set(doc.getArray<Y.Map<unknown>>('messages').map((message) => message.get('id') as string))
}

/** A small write of its own (independent of any other doc's history) that a watcher can wait for. */
export function sendMarker(client: RawClient, author: string): void {
  const doc = new Y.Doc()
  appendMessage(doc, author, MARKER, MARKER)
  client.ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)))
}
