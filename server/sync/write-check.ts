import * as Y from 'yjs'
import type { DecodedUpdate } from './protocol'

/**
 * Whether applying a decoded update would change the document. A read-only client still sends
 * sync step 2 on every connect, and Yjs always includes the sender's whole delete set in it, so
 * "is this a write" means: new structs, or deletions the document does not have yet.
 */
export function wouldChange(doc: Y.Doc, decoded: DecodedUpdate): boolean {
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return true
  }
  if (decoded.ds.clients.size === 0) return false
  const deleted = Y.createDeleteSetFromStructStore(doc.store)
  for (const [client, ranges] of decoded.ds.clients) {
    const have = deleted.clients.get(client) ?? []
    for (const range of ranges) {
      if (range.len > 0 && !covered(have, range.clock, range.len)) return true
    }
  }
  return false
}

/** `have` is sorted and merged (as createDeleteSetFromStructStore builds it). */
function covered(have: ReadonlyArray<{ clock: number; len: number }>, clock: number, len: number): boolean {
  let low = 0
  let high = have.length - 1
  while (low <= high) {
    const mid = (low + high) >> 1
    const item = have[mid]!
    if (clock < item.clock) high = mid - 1
    else if (clock >= item.clock + item.len) low = mid + 1
    else return clock + len <= item.clock + item.len
  }
  return false
}
