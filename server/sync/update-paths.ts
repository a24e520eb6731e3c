import * as Y from 'yjs'
import type { WriteOp, WriteValue } from '../../shared/model/write-rules'
import { MalformedMessage, type DecodedUpdate } from './protocol'

/**
 * What an update would do to a document, as rule-checkable writes, found from the update's own
 * structs and the document's store (never a copy of the document). Mirrors how Yjs integrates:
 * an Item names its parent (a root type, or the ID of a type item in the update or the store) or
 * inherits parent and key from its origin; a parent that is gone or not a type makes the Item
 * garbage, which changes nothing. The delete set may remove items anywhere: each removal of a
 * live item is a write too, unless it is an overwrite (the update sets the same key) or falls
 * under a removed type (checked as that type's removal).
 */
export interface PathWrite {
  op: WriteOp
  /** The message map holding the written field (discussion documents), when it is in the store. */
  messageAuthor: string | null
}

type Parent = { root: string; item: null } | { root: null; item: Y.Item; inUpdate: boolean }
type Resolved = { parent: Parent; key: string | null } | 'garbage' | 'missing'

/** Paths past this depth are refused by every rule; stop resolving there. */
const MAX_DEPTH = 4

/**
 * Part of the update builds on changes the document lacks: Yjs would hold it back (and hand it to
 * every client that syncs). A client whose earlier write was refused sends these; so does a
 * forged update. Nothing of it is applied.
 */
export class MissingDependency extends MalformedMessage {
  constructor() {
    super('update depends on changes this document does not have')
  }
}

export class UpdatePaths {
  private readonly byClient = new Map<number, Array<Y.Item | Y.GC | Y.Skip>>()
  private readonly resolved = new Map<Y.Item, Resolved>()
  /** `parent key` → the update sets that key: removing the old value there is part of the overwrite. */
  private readonly setKeys = new Set<string>()

  constructor(
    private readonly doc: Y.Doc,
    private readonly decoded: DecodedUpdate,
  ) {
    let previous: Y.Item | Y.GC | Y.Skip | null = null
    /** How far the client's clocks are available (in the store or earlier in this run). */
    let reach = 0
    for (const struct of decoded.structs) {
      const client = struct.id.client
      if (previous && previous.id.client === client) {
        if (struct.id.clock !== previous.id.clock + previous.length) throw new MalformedMessage('update structs out of order')
      } else if (this.byClient.has(client)) {
        // Yjs would keep only the last run of a client: an honest encoder writes one.
        throw new MalformedMessage('update lists a client twice')
      } else {
        this.byClient.set(client, [])
        reach = Y.getState(doc.store, client)
      }
      this.byClient.get(client)!.push(struct)
      previous = struct
      if (struct instanceof Y.Skip) continue
      // A client's structs integrate in clock order: past a gap the document lacks, none can.
      if (struct.id.clock > reach) throw new MissingDependency()
      reach = Math.max(reach, struct.id.clock + struct.length)
    }
  }

  /**
   * Calls `visit` for every write; stops at (and returns) the first non-undefined answer. Throws
   * MissingDependency before visiting anything if part of the update could not be integrated.
   */
  forEach<T>(visit: (write: PathWrite) => T | undefined): T | undefined {
    const state = (client: number) => Y.getState(this.doc.store, client)
    const fresh: Array<{ item: Y.Item; resolved: { parent: Parent; key: string | null } }> = []
    for (const struct of this.decoded.structs) {
      if (!(struct instanceof Y.Item)) continue
      if (struct.id.clock + struct.length <= state(struct.id.client)) continue
      const resolved = this.resolve(struct)
      if (resolved === 'missing') throw new MissingDependency()
      if (resolved === 'garbage') continue
      fresh.push({ item: struct, resolved })
      if (resolved.key !== null) this.setKeys.add(parentKey(resolved.parent, resolved.key))
    }
    for (const { item, resolved } of fresh) {
      const answer = this.visitInsert(item, resolved, visit)
      if (answer !== undefined) return answer
    }
    for (const [client, ranges] of this.decoded.ds.clients) {
      const structs = this.doc.store.clients.get(client)
      if (!structs) continue
      const known = state(client)
      for (const { clock, len } of ranges) {
        if (len <= 0 || clock >= known) continue
        for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
          const struct = structs[i]!
          if (!(struct instanceof Y.Item) || struct.deleted) continue
          const answer = this.visitRemoval(struct, visit)
          if (answer !== undefined) return answer
        }
      }
    }
    return undefined
  }

  private visitInsert<T>(item: Y.Item, { parent, key }: { parent: Parent; key: string | null }, visit: (write: PathWrite) => T | undefined): T | undefined {
    const path = this.pathOf(parent)
    if (path === null) return visit({ op: { action: 'set', path: ['(too deep)'], value: { kind: 'other', what: 'a nested value' } }, messageAuthor: null })
    const newParent = parent.item !== null && parent.inUpdate
    const messageAuthor = parent.item !== null && !parent.inUpdate ? authorOf(parent.item) : null
    const content = item.content
    if (key !== null) {
      const value = content.getLength() === 1 || content instanceof Y.ContentDeleted ? valueOf(content, 0) : { kind: 'other' as const, what: 'several values' }
      return visit({ op: { action: 'set', path: [...path, key], value, newParent }, messageAuthor })
    }
    // A list element that arrives already deleted shows nothing.
    if (content instanceof Y.ContentDeleted) return undefined
    for (let i = 0; i < content.getLength(); i++) {
      const answer = visit({ op: { action: 'insert', path, value: valueOf(content, i) }, messageAuthor: null })
      if (answer !== undefined) return answer
    }
    return undefined
  }

  private visitRemoval<T>(item: Y.Item, visit: (write: PathWrite) => T | undefined): T | undefined {
    const parentType = item.parent as Y.AbstractType<unknown> | null
    if (!parentType) return undefined
    // Everything under a removed type goes with it; that removal is what gets checked.
    for (let above = parentType._item; above; above = (above.parent as Y.AbstractType<unknown>)._item) {
      if (above.deleted || Y.isDeleted(this.decoded.ds, above.id)) return undefined
    }
    const parent: Parent = parentType._item ? { root: null, item: parentType._item, inUpdate: false } : { root: Y.findRootTypeKey(parentType), item: null }
    const path = this.pathOf(parent)
    if (path === null) return undefined
    if (item.parentSub !== null) {
      if (this.setKeys.has(parentKey(parent, item.parentSub))) return undefined
      const messageAuthor = parent.item ? authorOf(parent.item) : null
      return visit({ op: { action: 'delete', path: [...path, item.parentSub] }, messageAuthor })
    }
    return visit({ op: { action: 'remove', path }, messageAuthor: authorOf(item) })
  }

  /** The path of a parent type: its root name, then the keys (or element refs) down to it. */
  private pathOf(parent: Parent): string[] | null {
    const path: string[] = []
    let current: Parent = parent
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      if (current.root !== null) return [current.root, ...path.reverse()]
      const item = current.item
      let above: Parent
      let key: string | null
      if (current.inUpdate) {
        const resolved = this.resolve(item)
        if (typeof resolved === 'string') return null
        above = resolved.parent
        key = resolved.key
      } else {
        const type = item.parent as Y.AbstractType<unknown>
        above = type._item ? { root: null, item: type._item, inUpdate: false } : { root: Y.findRootTypeKey(type), item: null }
        key = item.parentSub
      }
      path.push(key ?? `${item.id.client}.${item.id.clock}`)
      current = above
    }
    return null
  }

  /** Where a new Item lands, as Yjs would integrate it; memoised along origin chains. */
  private resolve(item: Y.Item): Resolved {
    const chain = new Set<Y.Item>()
    let current = item
    let answer: Resolved | undefined
    for (;;) {
      const memo = this.resolved.get(current)
      if (memo !== undefined) {
        answer = memo
        break
      }
      if (chain.has(current)) {
        answer = 'missing'
        break
      }
      chain.add(current)
      const step = this.step(current)
      if (step instanceof Y.Item) {
        current = step
        continue
      }
      answer = step
      break
    }
    for (const link of chain) this.resolved.set(link, answer)
    return answer
  }

  /** One step: the Item's own parent, or the neighbour (in the update) it inherits parent and key from. */
  private step(item: Y.Item): Resolved | Y.Item {
    const parent = item.parent as unknown
    if (typeof parent === 'string') return { parent: { root: parent, item: null }, key: item.parentSub }
    if (parent instanceof Y.ID) {
      const found = this.find(parent)
      if (found === null) return 'missing'
      if (!(found.struct instanceof Y.Item) || !(found.struct.content instanceof Y.ContentType)) return 'garbage'
      if (!found.inUpdate && found.struct.deleted) return 'garbage'
      return { parent: { root: null, item: found.struct, inUpdate: found.inUpdate }, key: item.parentSub }
    }
    const left = item.origin ? this.find(item.origin) : null
    const right = item.rightOrigin ? this.find(item.rightOrigin) : null
    if ((item.origin && !left) || (item.rightOrigin && !right)) return 'missing'
    const neighbour = left ?? right
    if (!neighbour || neighbour.struct instanceof Y.GC || right?.struct instanceof Y.GC || !(neighbour.struct instanceof Y.Item)) return 'garbage'
    if (neighbour.inUpdate) return neighbour.struct
    const type = neighbour.struct.parent as Y.AbstractType<unknown> | null
    if (!type) return 'garbage'
    const above: Parent = type._item ? { root: null, item: type._item, inUpdate: false } : { root: Y.findRootTypeKey(type), item: null }
    return { parent: above, key: neighbour.struct.parentSub }
  }

  /** The struct holding an ID: the store's if the document has that clock, else the update's. */
  private find(id: Y.ID): { struct: Y.Item | Y.GC | Y.Skip; inUpdate: boolean } | null {
    if (id.clock < Y.getState(this.doc.store, id.client)) {
      return { struct: Y.getItem(this.doc.store, id) as Y.Item | Y.GC, inUpdate: false }
    }
    const run = this.byClient.get(id.client)
    if (!run) return null
    const last = run[run.length - 1]!
    if (id.clock < run[0]!.id.clock || id.clock >= last.id.clock + last.length) return null
    const struct = run[Y.findIndexSS(run as Array<Y.Item | Y.GC>, id.clock)]!
    return struct instanceof Y.Skip ? null : { struct, inUpdate: true }
  }
}

function parentKey(parent: Parent, key: string): string {
  return parent.root !== null ? `root ${parent.root}\u0000${key}` : `${parent.item.id.client}.${parent.item.id.clock}\u0000${key}`
}

function valueOf(content: Y.Item['content'], index: number): WriteValue {
  if (content instanceof Y.ContentAny) return { kind: 'value', value: content.arr[index] }
  if (content instanceof Y.ContentDeleted) return { kind: 'removed' }
  if (content instanceof Y.ContentType) {
    const type = content.type
    if (type.constructor === Y.Map) return { kind: 'map' }
    if (type.constructor === Y.Array) return { kind: 'array' }
    return { kind: 'other', what: 'a shared text or XML type' }
  }
  return { kind: 'other', what: `${content.constructor.name.replace(/^Content/, '').toLowerCase()} content` }
}

/** The author a stored message map holds, if the item is one. */
function authorOf(item: Y.Item): string | null {
  if (!(item.content instanceof Y.ContentType) || item.content.type.constructor !== Y.Map) return null
  const author = (item.content.type as Y.Map<unknown>).get('author')
  return typeof author === 'string' ? author : null
}
