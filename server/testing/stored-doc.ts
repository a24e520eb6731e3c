/** What a server has stored for a document, read beside the running server. Not shipped code. */
import * as Y from 'yjs'
import { SqliteStore } from '../store/sqlite-store'

export async function storedDoc(dataDir: string, docName: string): Promise<Y.Doc> {
  const store = SqliteStore.open(dataDir, { watchIntervalMs: 0 })
  const doc = new Y.Doc()
  try {
    for (const update of await store.load(docName)) Y.applyUpdate(doc, update)
  } finally {
    await store.close()
  }
  return doc
}
