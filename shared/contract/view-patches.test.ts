import { describe, expect, it } from 'vitest'
import { applyPatches, diffView } from './view-patches'

describe('view patches', () => {
  it('emits only the changed paths and reproduces the new view', () => {
    const before = { me: { room: null, mic: false }, rooms: { a: { name: 'A', occupants: ['u1'] }, b: { name: 'B', occupants: [] } } }
    const after = { me: { room: 'b', mic: true }, rooms: { b: { name: 'B', occupants: ['u1', 'u2'] }, c: { name: 'C', occupants: [] } } }
    const ops = diffView(before, after)
    expect(ops).toEqual([
      { op: 'set', path: ['me', 'room'], value: 'b' },
      { op: 'set', path: ['me', 'mic'], value: true },
      { op: 'del', path: ['rooms', 'a'] },
      { op: 'set', path: ['rooms', 'b', 'occupants'], value: ['u1', 'u2'] },
      { op: 'set', path: ['rooms', 'c'], value: { name: 'C', occupants: [] } },
    ])
    const mirror = structuredClone(before) as Record<string, unknown>
    applyPatches(mirror, ops)
    expect(mirror).toEqual(after)
  })

  it('emits nothing for an equal view', () => {
    const view = { a: { b: [1, 2], c: 'x' } }
    expect(diffView(view, structuredClone(view))).toEqual([])
  })

  it('does not walk a subtree both views share (the core shares what a change did not touch)', () => {
    const untouched = Object.defineProperty({}, 'mic', {
      enumerable: true,
      get: () => {
        throw new Error('walked a shared member')
      },
    })
    const before = { members: { a: untouched, b: { mic: false } } }
    const after = { members: { a: untouched, b: { mic: true } } }
    expect(diffView(before, after)).toEqual([{ op: 'set', path: ['members', 'b', 'mic'], value: true }])
  })

  it('copies values so a view cannot alias the core', () => {
    const value = { name: 'C' }
    const mirror: Record<string, unknown> = {}
    applyPatches(mirror, [{ op: 'set', path: ['c'], value }])
    value.name = 'changed'
    expect(mirror).toEqual({ c: { name: 'C' } })
  })

  it('refuses paths that do not exist or reach prototypes', () => {
    expect(() => applyPatches({}, [{ op: 'set', path: ['missing', 'x'], value: 1 }])).toThrow(/does not exist/)
    expect(() => applyPatches({}, [{ op: 'set', path: ['__proto__', 'polluted'], value: 1 }])).toThrow(/not allowed/)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
