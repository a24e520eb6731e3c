/**
 * Wrong-typed values of every kind a Yjs document can hold, written at every path of the team and
 * discussion documents, straight onto a Y.Doc (no rules, no schemas): what a buggy client version, a
 * hostile member or an old CLI could have left behind. Test-only.
 */
import * as Y from 'yjs'
import type { Random } from '../seeded-random'

const int = (random: Random, max: number) => Math.floor(random() * max)
const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)]!

/** Keys that break naive readers: inherited names, non-ids, huge and empty strings. */
const hostileKeys = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'prototype', '', 'a/b', 'ünï', ' ', 'x'.repeat(200)]

function garbageKey(random: Random): string {
  return random() < 0.5 ? pick(random, hostileKeys) : `k${int(random, 1000)}`
}

const numbers = [0, -1, 1.5, -0, NaN, Infinity, -Infinity, Number.MAX_VALUE, 2 ** 53 + 2, 1e-300]
const strings = ['', ' ', 'boom', 'open', 'locked', 'ballroom', 'sprite:999', 'img:', '\u0000', '\ud800']

/** One value that is never what a reader expects to find (it may, by chance, be a well-typed one). */
export function garbageValue(random: Random, depth = 0): unknown {
  const nested = depth < 2
  switch (int(random, nested ? 17 : 11)) {
    case 0: return pick(random, strings)
    case 1: return 'x'.repeat(1 + int(random, 20_000))
    case 2: return pick(random, numbers)
    case 3: return BigInt(int(random, 1000)) - 500n
    case 4: return random() < 0.5
    case 5: return null
    case 6: return undefined
    case 7: return new Uint8Array(int(random, 64)).map(() => int(random, 256))
    case 8: return new Y.Text(pick(random, strings))
    case 9: return pick(random, [() => new Y.XmlFragment(), () => new Y.XmlElement('div'), () => new Y.XmlText('x')])()
    case 10: return new Y.Doc()
    case 11: {
      const map = new Y.Map<unknown>()
      for (let i = int(random, 4); i > 0; i--) map.set(garbageKey(random), garbageValue(random, depth + 1))
      return map
    }
    case 12: {
      const array = new Y.Array<unknown>()
      array.insert(0, Array.from({ length: int(random, 4) }, () => asElement(garbageValue(random, depth + 1))))
      return array
    }
    case 13: return Array.from({ length: int(random, 4) }, () => plainGarbage(random, depth + 1))
    case 14: {
      const object = Object.fromEntries(Array.from({ length: int(random, 4) }, () => [garbageKey(random), plainGarbage(random, depth + 1)]))
      // Y.Map.set dispatches on `value.constructor`: such an object can only travel nested.
      return Object.hasOwn(object, 'constructor') ? [object] : object
    }
    case 15: return JSON.parse('{"__proto__": {"name": "x", "door": "open", "at": 1}, "url": "https://a.test"}') as unknown
    default: return { url: 'https://a.test/', title: NaN, description: 'x'.repeat(5000), image: 7, site: null }
  }
}

/** Y.Array.insert takes neither undefined nor a BigInt as an element; both may still sit inside one. */
function asElement(value: unknown): unknown {
  return value === undefined || typeof value === 'bigint' ? [value] : value
}

/** JSON-like garbage only: a Yjs type may not sit inside a plain object or array. */
function plainGarbage(random: Random, depth: number): unknown {
  for (;;) {
    const value = garbageValue(random, depth)
    if (!(value instanceof Y.AbstractType) && !(value instanceof Y.Doc) && !(value instanceof Uint8Array)) return value
  }
}

const teamFields: Record<string, readonly string[]> = {
  meta: ['name', 'createdAt', 'schemaVersion'],
  rooms: ['name', 'kind', 'door', 'capacity', 'order', 'insiders'],
  members: ['name', 'avatar', 'title', 'timezone', 'role'],
  statuses: ['text', 'emoji', 'until', 'dnd'],
  discussions: ['seq', 'at', 'author', 'mentions'],
}

function fieldKey(random: Random, fields: readonly string[]): string {
  return random() < 0.8 ? pick(random, fields) : garbageKey(random)
}

/** A nested map at `parent/key`, created if what is there is not a map. */
function mapAtOrNew(parent: Y.Map<unknown>, key: string): Y.Map<unknown> {
  const value = parent.get(key)
  if (value instanceof Y.Map) return value as Y.Map<unknown>
  const map = new Y.Map<unknown>()
  parent.set(key, map)
  return map
}

/** Items of another shape under a root type's name: array items under a map root, or the reverse. */
function foreignShapeUpdate(random: Random, root: string): Uint8Array {
  const foreign = new Y.Doc()
  const choice = int(random, 3)
  if (choice === 0) foreign.getArray(root).insert(0, [asElement(plainGarbage(random, 1)), asElement(garbageValue(random, 1))])
  else if (choice === 1) foreign.getText(root).insert(0, pick(random, strings) + 'x')
  else foreign.getMap(root).set(garbageKey(random), garbageValue(random, 1))
  return Y.encodeStateAsUpdate(foreign)
}

/**
 * One garbage write somewhere in a team document, never touching `spare` room or member ids;
 * `targets` are ids it may break (unknown ids are picked too). Returns the path written.
 */
export function writeTeamGarbage(doc: Y.Doc, random: Random, targets: { rooms: readonly string[]; members: readonly string[] }): string {
  const root = pick(random, ['meta', 'rooms', 'members', 'statuses', 'discussions', 'reads'] as const)
  const ids = root === 'rooms' || root === 'discussions' ? targets.rooms : root === 'members' || root === 'statuses' || root === 'reads' ? targets.members : []
  const kind = int(random, 10)
  if (kind === 0) {
    Y.applyUpdate(doc, foreignShapeUpdate(random, root))
    return `${root} (another shape)`
  }
  const top = doc.getMap(root)
  if (root === 'meta' || kind < 5) {
    const key = root === 'meta' ? fieldKey(random, teamFields.meta!) : random() < 0.6 && ids.length > 0 ? pick(random, ids) : garbageKey(random)
    top.set(key, garbageValue(random))
    return `${root}/${key}`
  }
  const id = random() < 0.8 && ids.length > 0 ? pick(random, ids) : garbageKey(random)
  // A member's read markers are keyed by room.
  const field = fieldKey(random, root === 'reads' ? targets.rooms : teamFields[root]!)
  doc.transact(() => mapAtOrNew(top, id).set(field, garbageValue(random)))
  return `${root}/${id}/${field}`
}

const messageFields = ['id', 'author', 'text', 'at', 'edited', 'preview', 'mentions']

/** One garbage write in a discussion document: a non-message element, a message with a bad field, or another shape. */
export function writeDiscussionGarbage(doc: Y.Doc, random: Random): string {
  const messages = doc.getArray<unknown>('messages')
  const kind = int(random, 4)
  if (kind === 0) {
    Y.applyUpdate(doc, foreignShapeUpdate(random, 'messages'))
    return 'messages (another shape)'
  }
  if (kind === 1) {
    messages.insert(int(random, messages.length + 1), [asElement(garbageValue(random))])
    return 'messages/[i]'
  }
  const field = fieldKey(random, messageFields)
  doc.transact(() => {
    const message = new Y.Map<unknown>()
    messages.insert(int(random, messages.length + 1), [message])
    const valid: Record<string, unknown> = { id: `m${int(random, 1e6)}`, author: 'mallory', text: 'hi', at: 1, edited: null, preview: null }
    for (const [key, value] of Object.entries(valid)) message.set(key, value)
    message.set(field, garbageValue(random))
  })
  return `messages/[i]/${field}`
}
