import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readTokenClaims } from '../../shared/contract/token-claims'

const FILE = 'member-token'

/**
 * The token to start with: the one main was given, unless the core saved a refreshed one for the
 * same member and team that lives longer (member tokens are short-lived and refreshed in place).
 */
export function startupToken(dir: string, given: string): string {
  let saved: string
  try {
    saved = readFileSync(join(dir, FILE), 'utf8').trim()
  } catch {
    return given
  }
  try {
    const a = readTokenClaims(given)
    const b = readTokenClaims(saved)
    return a.sub === b.sub && a.team === b.team && b.exp > a.exp ? saved : given
  } catch {
    return given
  }
}

/** Saves a refreshed token atomically, readable only by this user. */
export function saveToken(dir: string, token: string): void {
  mkdirSync(dir, { recursive: true })
  const temp = join(dir, `${FILE}.tmp`)
  writeFileSync(temp, token, { mode: 0o600 })
  renameSync(temp, join(dir, FILE))
}
