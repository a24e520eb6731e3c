import { describe, expect, it } from 'vitest'
import { readLaunchConfig } from './launch-config'

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const token = `${encode({ alg: 'HS256' })}.${encode({ sub: 'u1', team: 'T1', role: 'member', name: 'Ada', exp: 4_000_000_000 })}.sig`

describe('readLaunchConfig', () => {
  it('reads the server and token from the environment', () => {
    expect(readLaunchConfig(['.'], { HALLWAY_SERVER: 'http://127.0.0.1:8787', HALLWAY_TOKEN: token })).toEqual({
      ok: true,
      serverUrl: 'http://127.0.0.1:8787',
      token,
    })
  })

  it('lets --server and --token (spaced or with =) win over the environment, among Chromium switches', () => {
    const config = readLaunchConfig(['.', '--no-sandbox-ish', '--server=https://hallway.example', '--token', token], {
      HALLWAY_SERVER: 'http://ignored:1',
      HALLWAY_TOKEN: 'ignored',
    })
    expect(config).toEqual({ ok: true, serverUrl: 'https://hallway.example', token })
  })

  it('explains what is missing or wrong, and how to start', () => {
    const problems = [
      readLaunchConfig([], {}),
      readLaunchConfig(['--server', 'http://h:1'], {}),
      readLaunchConfig([], { HALLWAY_TOKEN: token }),
      readLaunchConfig(['--server', 'ftp://h', '--token', token], {}),
      readLaunchConfig(['--server', 'http://h:1', '--token', 'not-a-jwt'], {}),
    ].map((config) => (config.ok ? null : config.problem))
    expect(problems[0]).toMatch(/which server/)
    expect(problems[1]).toMatch(/no sign-in token/)
    expect(problems[2]).toMatch(/no server address/)
    expect(problems[3]).toMatch(/not an http\(s\) URL/)
    expect(problems[4]).toMatch(/not a Hallway sign-in token/)
    for (const problem of problems) expect(problem).toContain('--server URL --token TOKEN')
  })
})
