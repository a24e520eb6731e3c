import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { saveToken, startupToken } from './token-file'

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
})
