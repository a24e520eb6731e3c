import * as Y from 'yjs'
import type { z } from 'zod'

/**
 * Total lookups over document maps. A peer on another version, a buggy client or the CLI may have
 * put any value at any key (a string, an array, a Y.Text, a sub-document): callers get a Y.Map or
 * nothing, never a value they would call map methods on.
 */
export function mapAt(parent: Y.Map<unknown>, key: string): Y.Map<unknown> | null {
  const value = parent.get(key)
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : null
}

/** The entries of `parent` that hold a Y.Map; every other value is skipped. */
export function mapEntries(parent: Y.Map<unknown>): Array<[string, Y.Map<unknown>]> {
  const out: Array<[string, Y.Map<unknown>]> = []
  parent.forEach((value, key) => {
    if (value instanceof Y.Map) out.push([key, value as Y.Map<unknown>])
  })
  return out
}

/** The elements of `array` that are Y.Maps. */
export function mapsIn(array: Y.Array<unknown>): Array<Y.Map<unknown>> {
  return array.toArray().filter((value): value is Y.Map<unknown> => value instanceof Y.Map)
}

/** A field read through its write schema: anything the schema refuses reads as `fallback`. */
export function fieldOf<T>(map: Y.Map<unknown>, key: string, schema: z.ZodType<T>, fallback: T): T {
  const parsed = schema.safeParse(map.get(key))
  return parsed.success ? parsed.data : fallback
}
