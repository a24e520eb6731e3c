// Find a person: fuzzy matching over names and titles, folded once per member so each keystroke
// over a thousand people is a few string scans.

/** Lower case without accents: "Zoë Ångström" → "zoe angstrom". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

const isWordStart = (text: string, at: number) => at === 0 || !/[\p{L}\p{N}]/u.test(text[at - 1] ?? '')

// Tiers keep every prefix above every substring, and every substring above every scattered match.
const WHOLE_PREFIX = 300
const WORD_PREFIX = 200
const INITIALS = 150
const SUBSTRING = 100
const SCATTERED_MAX = 99

/**
 * How well one folded query word matches a folded text, or null when its letters are not all there
 * in order. A prefix of the text beats a prefix of a later word, beats initials ("al" in "ada lovelace"),
 * beats a substring, beats letters spread out; spread letters score higher on word starts and close together.
 */
export function wordScore(word: string, text: string): number | null {
  if (word === '') return 0
  if (text.startsWith(word)) return WHOLE_PREFIX - Math.min(text.length - word.length, 99) / 100
  const substring = text.indexOf(word)
  let at = substring
  while (at !== -1) {
    if (isWordStart(text, at)) return WORD_PREFIX - at / 1000
    at = text.indexOf(word, at + 1)
  }
  if (substring !== -1) return SUBSTRING - substring / 1000
  if (onWordStarts(word, text)) return INITIALS
  let score = 0
  let from = 0
  for (const letter of word) {
    const found = text.indexOf(letter, from)
    if (found === -1) return null
    score += isWordStart(text, found) ? 8 : found === from ? 4 : 1
    from = found + 1
  }
  // Among equal scores, letters that end sooner are closer together.
  return Math.min(SCATTERED_MAX, 1 + score) - Math.min(from, 999) / 1000
}

/** Each letter starts a later word than the last: the query is (some of) the text's initials. */
function onWordStarts(word: string, text: string): boolean {
  let from = 0
  for (const letter of word) {
    let found = text.indexOf(letter, from)
    while (found !== -1 && !isWordStart(text, found)) found = text.indexOf(letter, found + 1)
    if (found === -1) return false
    from = found + 1
  }
  return true
}

export interface Searchable<T> {
  item: T
  name: string
  title: string
}

/** Folds each person's name and title once; search many times against the result. */
export function indexPeople<T extends { name: string; title: string }>(people: readonly T[]): Searchable<T>[] {
  return people.map((item) => ({ item, name: foldForSearch(item.name), title: foldForSearch(item.title) }))
}

/**
 * The people every query word matches, in its name or else its title (a name match counts more), best first,
 * ties by name. An empty query finds nobody.
 */
export function searchPeople<T>(index: readonly Searchable<T>[], query: string, limit: number): T[] {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean)
  if (words.length === 0) return []
  const hits: Array<{ entry: Searchable<T>; score: number }> = []
  for (const entry of index) {
    let total = 0
    for (const word of words) {
      const inName = wordScore(word, entry.name)
      const inTitle = wordScore(word, entry.title)
      const best = Math.max(inName === null ? -1 : inName * 2, inTitle ?? -1)
      if (best < 0) {
        total = -1
        break
      }
      total += best
    }
    if (total >= 0) hits.push({ entry, score: total })
  }
  // Names are folded already: a plain comparison orders them without the cost of localeCompare per pair.
  hits.sort((a, b) => b.score - a.score || (a.entry.name < b.entry.name ? -1 : a.entry.name > b.entry.name ? 1 : 0))
  return hits.slice(0, limit).map((hit) => hit.entry.item)
}
