import { describe, expect, it } from 'vitest'
import { HOSTILE_PAGES } from '../testing/hostile-html'
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

  // A scan that backtracks would not finish these within the test timeout; how long they take is in `npm run bench`.
  it('finishes on hostile input and still reads the tags that follow a run of 300k "<"', () => {
    const tail = '<title>After</title><meta property="og:description" content="Still read">'
    expect(extractMeta('<'.repeat(300_000) + tail, page)).toMatchObject({ title: 'After', description: 'Still read' })
    for (const html of HOSTILE_PAGES) expect(extractMeta(html, page).siteName).toBe('news.example')
  })
})
