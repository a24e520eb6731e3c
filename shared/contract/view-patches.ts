import type { PatchOp } from './view'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]))
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a)
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && sameValue(a[k], b[k]))
  }
  return false
}

/**
 * Path patches that turn `before` into `after`. Objects are walked key by key; arrays and
 * scalars are replaced whole (occupant lists are short). A subtree that is the same object in
 * both is not walked: the core's view shares every part a change did not touch, so a mic change
 * at 1,000 members costs one member's walk, not the office's.
 */
export function diffView(before: unknown, after: unknown): PatchOp[] {
  const out: PatchOp[] = []
  // One path, pushed and popped as the walk goes; copied only into the patches it emits.
  const path: string[] = []
  const walk = (from: unknown, to: unknown): void => {
    if (from === to) return
    if (isRecord(from) && isRecord(to)) {
      for (const key of Object.keys(from)) {
        if (!Object.hasOwn(to, key)) out.push({ op: 'del', path: [...path, key] })
      }
      for (const key of Object.keys(to)) {
        path.push(key)
        if (!Object.hasOwn(from, key)) out.push({ op: 'set', path: [...path], value: to[key] })
        else walk(from[key], to[key])
        path.pop()
      }
      return
    }
    if (sameValue(from, to)) return
    if (path.length === 0) throw new Error('diffView needs objects at the root.')
    out.push({ op: 'set', path: [...path], value: to })
  }
  walk(before, after)
  return out
}

const forbiddenKeys = new Set(['__proto__', 'prototype', 'constructor'])

/** Keys a patch may name: a view record keyed by anything else could not be mirrored. */
export function isPatchableKey(key: string): boolean {
  return !forbiddenKeys.has(key)
}

/** Applies patches to a plain object in place (the view side's mirror of the core's view). */
export function applyPatches(target: Record<string, unknown>, ops: readonly PatchOp[]): void {
  for (const op of ops) {
    if (!op.path.every(isPatchableKey)) throw new Error(`Patch path ${op.path.join('/')} is not allowed.`)
    let node: Record<string, unknown> = target
    for (const key of op.path.slice(0, -1)) {
      const next = node[key]
      if (!isRecord(next)) throw new Error(`Patch path ${op.path.join('/')} does not exist in the view.`)
      node = next
    }
    const last = op.path[op.path.length - 1]!
    if (op.op === 'del') delete node[last]
    else node[last] = structuredClone(op.value as Json)
  }
}
