import { describe, expect, it } from 'vitest'
import { STATUS_EMOJI } from '../../shared/model/status-emoji'
import { statusEmojiUrl } from './status-emoji-images'

/** Which symbol a URL draws: its file name (emoji-ID.png, hashed in a build). */
const symbolOf = (url: string) => /emoji-([a-z]+)[^/]*\.png$/.exec(url)?.[1]

describe('statusEmojiUrl', () => {
  it('gives every shipped symbol its own whole PNG (no atlas fragment, no SVG document to paint)', () => {
    const urls = STATUS_EMOJI.map(({ id }) => statusEmojiUrl(id))
    expect(urls.map(symbolOf)).toEqual(STATUS_EMOJI.map(({ id }) => id))
    expect(new Set(urls).size).toBe(STATUS_EMOJI.length)
    expect(urls.some((url) => url.includes('#'))).toBe(false)
  })
})
