import { describe, expect, it } from 'vitest'
import { extractMeta } from './meta-tags'

const page = new URL('https://news.example/a/story')

describe('extractMeta', () => {
  it('prefers og:, then twitter:, then <title> and the description meta', () => {
    const meta = extractMeta(
      `<head><title> Plain &amp; simple </title><meta name="description" content="Plain description">
       <meta name=twitter:title content='Twitter title'><meta content="https://cdn.example/x.png" property="og:image" /></head>`,
      page,
    )
    expect(meta).toEqual({ title: 'Twitter title', description: 'Plain description', image: 'https://cdn.example/x.png', siteName: 'news.example' })
    expect(extractMeta('<TITLE>Upper &#x263A; &#9731;</TITLE>', page).title).toBe('Upper ☺ ☃')
  })

  it('resolves relative images, refuses non-http ones, ignores commented-out tags', () => {
    expect(extractMeta('<meta property="og:image" content="../img/a.png">', page).image).toBe('https://news.example/img/a.png')
    expect(extractMeta('<meta property="og:image" content="javascript:alert(1)">', page).image).toBeNull()
    expect(extractMeta('<!-- <meta property="og:title" content="hidden"> --><title>shown</title>', page).title).toBe('shown')
  })

  it('trims to the preview field limit and keeps to one line', () => {
    const meta = extractMeta(`<meta property="og:description" content="${'word '.repeat(200)}\n\nend">`, page)
    expect(meta.description).toHaveLength(300)
    expect(meta.description).not.toMatch(/\n/)
  })

  it('stays linear on hostile input', () => {
    const hostile = ['<'.repeat(300_000), '<meta '.repeat(80_000), '<meta content="' + '"'.repeat(200_000), '<title>' + 'x'.repeat(400_000)]
    for (const html of hostile) {
      const started = performance.now()
      extractMeta(html, page)
      expect(performance.now() - started).toBeLessThan(500)
    }
  })
})
