import { describe, expect, it } from 'vitest'
import { moveRoom } from './room-order'

describe('room order', () => {
  it('swaps a room with its neighbour, and stays put at the ends', () => {
    expect(moveRoom(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c'])
    expect(moveRoom(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'c', 'b'])
    expect(moveRoom(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c'])
    expect(moveRoom(['a', 'b', 'c'], 'c', 1)).toEqual(['a', 'b', 'c'])
    expect(moveRoom(['a'], 'x', 1)).toEqual(['a'])
  })
})
