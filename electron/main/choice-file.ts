import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * One Settings choice main keeps in a small file of its own under userData: the text, or null when
 * there is none. A file that is not one main wrote is the reader's to refuse.
 */
export function readChoiceFile(userData: string, name: string): string | null {
  try {
    return readFileSync(join(userData, name), 'utf8').trim()
  } catch {
    return null
  }
}

/** Saves atomically: a crash mid-write leaves the previous choice. */
export function saveChoiceFile(userData: string, name: string, text: string): void {
  mkdirSync(userData, { recursive: true })
  const temp = join(userData, `${name}.tmp`)
  writeFileSync(temp, text)
  renameSync(temp, join(userData, name))
}
