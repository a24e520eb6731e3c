import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readSignIn, saveSignIn, saveToken, startupToken } from './token-file'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

function token(sub: string, team: string, exp: number): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${encode({ alg: 'HS256' })}.${encode({ sub, team, role: 'member', name: sub, exp })}.sig`
}

describe('token file', () => {
  it('starts with a saved refreshed token only when it is the same member and lives longer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hallway-token-'))
    dirs.push(dir)
    const given = token('ada', 't1', 1_000)
    expect(startupToken(dir, given)).toBe(given)

    const refreshed = token('ada', 't1', 5_000)
    saveToken(dir, refreshed)
    expect(statSync(join(dir, 'member-token')).mode & 0o777).toBe(0o600)
    expect(startupToken(dir, given)).toBe(refreshed)
    expect(startupToken(dir, token('ada', 't1', 9_000))).not.toBe(refreshed)
    expect(startupToken(dir, token('bob', 't1', 10))).not.toBe(refreshed)
    expect(startupToken(dir, token('ada', 't2', 10))).not.toBe(refreshed)

    writeFileSync(join(dir, 'member-token'), 'garbage')
    expect(startupToken(dir, given)).toBe(given)
  })

  it('reads back a stored sign-in, and nothing from a missing, torn or hand-edited one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hallway-token-'))
    dirs.push(dir)
    expect(readSignIn(dir)).toBeNull()
    const signIn = { serverUrl: 'https://hallway.example', token: token('ada', 't1', 5_000) }
    saveSignIn(dir, signIn)
    expect(readSignIn(dir)).toEqual(signIn)
    expect(statSync(join(dir, 'server-url')).mode & 0o777).toBe(0o600)

    writeFileSync(join(dir, 'server-url'), 'file:///etc/passwd')
    expect(readSignIn(dir)).toBeNull()
    saveSignIn(dir, signIn)
    writeFileSync(join(dir, 'member-token'), 'garbage')
    expect(readSignIn(dir)).toBeNull()
  })
})
