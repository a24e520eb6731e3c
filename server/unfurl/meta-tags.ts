import { Limits } from '../../shared/model/limits'

export interface PageMeta {
  title: string
  description: string
  /** Absolute http(s) URL, or null. */
  image: string | null
  siteName: string
}

/** Longest tag we look inside; a longer one is skipped rather than scanned. */
const MAX_TAG_CHARS = 8192
const MAX_URL_CHARS = 2048

/**
 * Reads <title> and the og:/twitter:/description meta tags of an HTML page (already capped in
 * size by the fetcher). A scan with indexOf and linear patterns over bounded input: no HTML
 * parser, no backtracking blow-ups.
 */
export function extractMeta(html: string, pageUrl: URL): PageMeta {
  const lower = html.toLowerCase()
  const meta = new Map<string, string>()
  let title = ''
  for (let at = lower.indexOf('<'); at !== -1; at = lower.indexOf('<', at + 1)) {
    if (lower.startsWith('<meta', at) && /[\s/>]/.test(lower[at + 5] ?? '')) {
      const end = lower.indexOf('>', at)
      if (end === -1) break
      if (end - at <= MAX_TAG_CHARS) readMetaTag(html.slice(at + 5, end), meta)
      at = end
    } else if (!title && lower.startsWith('<title', at) && /[\s>]/.test(lower[at + 6] ?? '')) {
      const open = lower.indexOf('>', at)
      const close = open === -1 ? -1 : lower.indexOf('</title', open)
      if (close === -1) break
      title = html.slice(open + 1, close)
      at = close
    } else if (lower.startsWith('<!--', at)) {
      const end = lower.indexOf('-->', at)
      if (end === -1) break
      at = end
    }
  }
  const first = (...keys: string[]) => keys.map((key) => meta.get(key)).find((value) => value !== undefined && value.trim() !== '')
  const image = first('og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src')
  return {
    title: clean(first('og:title', 'twitter:title') ?? decodeEntities(title)),
    description: clean(first('og:description', 'twitter:description', 'description') ?? ''),
    image: image ? absoluteHttpUrl(image, pageUrl) : null,
    siteName: clean(first('og:site_name', 'application-name') ?? pageUrl.hostname),
  }
}

const ATTRIBUTE = /([^\s"'=<>/`]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g

function readMetaTag(attributes: string, into: Map<string, string>): void {
  let key: string | undefined
  let content: string | undefined
  for (const match of attributes.matchAll(ATTRIBUTE)) {
    const name = match[1]!.toLowerCase()
    const value = match[2] ?? match[3] ?? match[4] ?? ''
    if (name === 'property' || name === 'name') key ??= value.trim().toLowerCase()
    else if (name === 'content') content = value
  }
  if (key && content !== undefined && !into.has(key)) into.set(key, decodeEntities(content))
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (entity, body: string) => {
    if (body[0] !== '#') return NAMED[body.toLowerCase()] ?? entity
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10)
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : entity
  })
}

/** One line, trimmed, at most the preview field limit (without splitting a surrogate pair). */
function clean(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return Array.from(line).slice(0, Limits.previewField).join('')
}

function absoluteHttpUrl(value: string, base: URL): string | null {
  try {
    const url = new URL(value.trim(), base)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.href.length <= MAX_URL_CHARS ? url.href : null
  } catch {
    return null
  }
}
