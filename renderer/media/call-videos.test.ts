import { describe, expect, it } from 'vitest'
import { keepUnchangedTiles, stageKeyOf } from './call-videos'

const camera = (key: string) => ({ key, kind: 'camera' as const })
const screen = (key: string) => ({ key, kind: 'screen' as const })

describe('the call stage', () => {
  it('is empty with cameras only: faces stay small tiles until one is clicked', () => {
    expect(stageKeyOf([camera('a'), camera('b')], null)).toBeNull()
  })

  it('shows a screen share without a click', () => {
    expect(stageKeyOf([camera('a'), screen('s'), camera('b')], null)).toBe('s')
  })

  it('shows the tile the viewer focused, even over a screen share', () => {
    expect(stageKeyOf([screen('s'), camera('b')], 'b')).toBe('b')
  })

  it('falls back to the screen share when the focused tile is gone', () => {
    expect(stageKeyOf([screen('s')], 'b')).toBe('s')
  })
})

describe('keepUnchangedTiles', () => {
  it('keeps the same object for an unchanged tile and takes the new one when its track or label changed', () => {
    const trackA = {}
    const previous = [
      { key: 'a', label: 'Ada', track: trackA },
      { key: 'b', label: 'Bob', track: {} },
      { key: 'c', label: 'Cy', track: {} },
    ]
    const next = [
      { key: 'a', label: 'Ada', track: trackA },
      { key: 'b', label: 'Bob', track: {} },
      { key: 'c', label: 'Cy’s screen', track: previous[2]!.track },
      { key: 'd', label: 'Dee', track: {} },
    ]
    const kept = keepUnchangedTiles(previous, next)
    expect(kept[0]).toBe(previous[0])
    expect(kept[1]).toBe(next[1])
    expect(kept[2]).toBe(next[2])
    expect(kept[3]).toBe(next[3])
  })
})
