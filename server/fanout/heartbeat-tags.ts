import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto'
import { deriveKey } from './entry-auth'

const KEY_LABEL = 'hallway node heartbeat v1'
const VALUE = /^([1-9][0-9]{0,15})\.([A-Za-z0-9_-]{43})$/

/**
 * Heartbeat values only the nodes can write: `<expiry>.<tag>`, the expiry in Redis's own clock
 * (TIME, ms) and the tag an HMAC of node id and expiry under a key derived from the nodes' shared
 * secret. Whoever else can write to Redis can delete a heartbeat, or keep one past its expiry,
 * but not make one: a kept value is refused once its signed expiry passes, so a forged refresh
 * does not keep a dead node's members up. Both sides read the time from Redis, so node clocks
 * need not agree.
 */
export class HeartbeatTags {
  private readonly key: KeyObject

  constructor(sharedSecret: Uint8Array) {
    this.key = deriveKey(sharedSecret, KEY_LABEL)
  }

  value(nodeId: string, expiresAtMs: number): string {
    return `${expiresAtMs}.${this.tag(nodeId, String(expiresAtMs)).toString('base64url')}`
  }

  /** Whether `value` (a heartbeat key's content, null: none) is `nodeId`'s, by a node, unexpired at `nowMs`. */
  alive(nodeId: string, value: string | null, nowMs: number): boolean {
    const match = value === null ? null : VALUE.exec(value)
    if (!match) return false
    const tag = Buffer.from(match[2]!, 'base64url')
    return Number(match[1]) > nowMs && timingSafeEqual(tag, this.tag(nodeId, match[1]!))
  }

  /** Whether `value` is in no tagged form at all: what nodes from before heartbeat tags write (`<host> <pid>`), or any other text. */
  untagged(value: string): boolean {
    return !VALUE.test(value)
  }

  private tag(nodeId: string, expiry: string): Buffer {
    return createHmac('sha256', this.key).update(`${nodeId} ${expiry}`).digest()
  }
}

/** Redis's TIME reply ([seconds, microseconds]), checked, in ms. */
export function redisTimeMs(reply: unknown): number {
  const parts = Array.isArray(reply) && reply.length === 2 ? reply.map(Number) : []
  const [seconds, microseconds] = parts
  if (!Number.isSafeInteger(seconds) || !Number.isSafeInteger(microseconds)) throw new Error('Redis TIME reply is not [seconds, microseconds]')
  return seconds! * 1000 + Math.floor(microseconds! / 1000)
}
