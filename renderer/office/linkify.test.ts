import { describe, expect, it } from 'vitest'
import { linkify, safeImage } from './linkify'

describe('message text', () => {
  it('finds links and leaves trailing punctuation as text', () => {
    expect(linkify('See https://example.com/a?b=1, then (http://x.io).')).toEqual([
      { text: 'See ' },
      { url: 'https://example.com/a?b=1' },
      { text: ', then (' },
      { url: 'http://x.io' },
      { text: ').' },
    ])
    expect(linkify('no links')).toEqual([{ text: 'no links' }])
    expect(linkify('')).toEqual([])
  })

  it('shows preview images only over https', () => {
    expect(safeImage('https://cdn.example.com/a.png')).toBe('https://cdn.example.com/a.png')
    expect(safeImage('http://cdn.example.com/a.png')).toBeNull()
    expect(safeImage('javascript:alert(1)')).toBeNull()
    expect(safeImage('not a url')).toBeNull()
    expect(safeImage(null)).toBeNull()
  })
})
