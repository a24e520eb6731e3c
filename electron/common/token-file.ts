import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { readTokenClaims } from '../../shared/contract/token-claims'

const FILE = 'member-token'
/** Where a sign-in by invite keeps the server's address, beside the token. */
const SERVER_FILE = 'server-url'

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

export interface StoredSignIn {
  serverUrl: string
  token: string
}

/** Keeps what an invite sign-in got: the token (as a refresh would) and then the server it is for. */
export function saveSignIn(dir: string, signIn: StoredSignIn): void {
  saveToken(dir, signIn.token)
  const temp = join(dir, `${SERVER_FILE}.tmp`)
  writeFileSync(temp, signIn.serverUrl, { mode: 0o600 })
  renameSync(temp, join(dir, SERVER_FILE))
}

/** The stored sign-in, or null when there is none or it does not read (a hand-edited or torn file). */
export function readSignIn(dir: string): StoredSignIn | null {
  try {
    const serverUrl = z.url({ protocol: /^https?$/ }).parse(readFileSync(join(dir, SERVER_FILE), 'utf8').trim())
    const token = readFileSync(join(dir, FILE), 'utf8').trim()
    readTokenClaims(token)
    return { serverUrl, token }
  } catch {
    return null
  }
}
