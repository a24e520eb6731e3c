export type TextPart = { text: string } | { url: string }

const LINK = /\bhttps?:\/\/[^\s<>"']+/gi

/** Splits message text into plain runs and http(s) links (trailing punctuation stays text). */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = []
  let last = 0
  for (const match of text.matchAll(LINK)) {
    const url = match[0].replace(/[).,;:!?]+$/, '')
    const start = match.index
    if (start > last) parts.push({ text: text.slice(last, start) })
    parts.push({ url })
    last = start + url.length
  }
  if (last < text.length) parts.push({ text: text.slice(last) })
  return parts
}

/** Only https images are shown in link previews. */
export function safeImage(image: string | null): string | null {
  if (!image) return null
  try {
    return new URL(image).protocol === 'https:' ? image : null
  } catch {
    return null
  }
}
