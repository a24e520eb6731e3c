import * as Y from 'yjs'

/**
 * Gives every value array of a loaded document its exact size. Yjs reads an item's values
 * (ContentAny) into an array grown by push, which V8 sizes for 17 elements (152 B) whatever it
 * holds, and most items of a team document hold one value: a 500-room team document has 3,000 of
 * them, 450 KB of empty slots. A copy holds the same values in 24 B. Returns how many it trimmed.
 */
export function trimContentArrays(doc: Y.Doc): number {
  let trimmed = 0
  for (const structs of doc.store.clients.values()) {
    for (const struct of structs) {
      if (struct instanceof Y.Item && struct.content instanceof Y.ContentAny) {
        struct.content.arr = struct.content.arr.slice()
        trimmed++
      }
    }
  }
  return trimmed
}
