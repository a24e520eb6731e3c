import { expect, it } from 'vitest'
import * as Y from 'yjs'
import { heapUsedAfterGc } from '../testing/heap'
import { trimContentArrays } from './trim-content'

it('trims every value array of a document and changes nothing it holds', () => {
  const doc = new Y.Doc()
  const rooms = doc.getMap<unknown>('rooms')
  for (let i = 0; i < 20; i++) rooms.set(`room-${i}`, { name: `Room ${i}`, capacity: i })
  doc.getArray<number>('list').push([1, 2, 3])
  const before = Y.encodeStateAsUpdate(doc)
  // One item per map entry and one for the pushed values; the map's own item is a ContentType.
  expect(trimContentArrays(doc)).toBe(21)
  expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
  expect(rooms.get('room-7')).toEqual({ name: 'Room 7', capacity: 7 })
  rooms.set('room-7', 'renamed')
  expect(rooms.get('room-7')).toBe('renamed')
  expect(doc.getArray('list').toArray()).toEqual([1, 2, 3])
})

it('gives back ≥ 100 B per one-value item of a document Yjs read from updates (152 B arrays become 24 B)', async () => {
  const source = new Y.Doc()
  for (let i = 0; i < 20_000; i++) source.getMap('rooms').set(`room-${i}`, i)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source))
  const before = await heapUsedAfterGc()
  expect(trimContentArrays(doc)).toBe(20_000)
  const freed = before - (await heapUsedAfterGc())
  expect(freed / 20_000).toBeGreaterThan(100)
  expect(doc.getMap('rooms').get('room-19999')).toBe(19_999)
})
