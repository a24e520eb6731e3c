import { createHmac, createSecretKey, hkdfSync, timingSafeEqual, type KeyObject } from 'node:crypto'

/** HKDF's info: this key authenticates fan-out entries and nothing else, so a tag is never a token signature. */
const KEY_LABEL = 'hallway fan-out entry authentication v1'
const TAG_BYTES = 32
/** Every field a node reads from an entry; `tag` itself and any unknown field are not read, so not signed. */
const SIGNED_FIELDS = ['kind', 'node', 'link', 'seq', 'user', 'data'] as const

/**
 * Tags that let a node tell entries another node published from ones anyone with write access to
 * Redis appended. Nodes already share the token signing secret; the tag key is derived from it
 * with HKDF under a label of its own. A tag covers the stream it was published to, so an entry
 * copied into another document's stream does not verify there.
 */
export class EntryAuth {
  private readonly key: KeyObject

  constructor(sharedSecret: Uint8Array) {
    this.key = deriveKey(sharedSecret, KEY_LABEL)
  }

  /** The tag of an entry's fields (name → value) for `streamKey`. */
  tag(streamKey: string, values: ReadonlyMap<string, Buffer>): Buffer {
    const hmac = createHmac('sha256', this.key)
    hmac.update(lengthPrefix(Buffer.byteLength(streamKey))).update(streamKey)
    // Length-prefixed, absent fields marked: no two different entries hash the same bytes.
    for (const name of SIGNED_FIELDS) {
      const value = values.get(name)
      if (value === undefined) hmac.update(ABSENT)
      else hmac.update(PRESENT).update(lengthPrefix(value.byteLength)).update(value)
    }
    return hmac.digest()
  }

  /** Whether the entry carries the tag this secret gives it, compared in constant time. */
  verifies(streamKey: string, values: ReadonlyMap<string, Buffer>): boolean {
    const tag = values.get('tag')
    return tag !== undefined && tag.byteLength === TAG_BYTES && timingSafeEqual(tag, this.tag(streamKey, values))
  }
}

/** A key of its own for one use of the nodes' shared secret (HKDF-SHA256 under `label`). */
export function deriveKey(sharedSecret: Uint8Array, label: string): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', sharedSecret, new Uint8Array(0), label, TAG_BYTES)))
}

const ABSENT = Buffer.of(0)
const PRESENT = Buffer.of(1)

function lengthPrefix(length: number): Buffer {
  const prefix = Buffer.alloc(4)
  prefix.writeUInt32BE(length)
  return prefix
}
