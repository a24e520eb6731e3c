import { describe, expect, it } from 'vitest'
import { readLaunchConfig } from './launch-config'

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const token = `${encode({ alg: 'HS256' })}.${encode({ sub: 'u1', team: 'T1', role: 'member', name: 'Ada', exp: 4_000_000_000 })}.sig`

const dev = { packaged: false, stored: null }

describe('readLaunchConfig', () => {
  it('reads the server and token from the environment', () => {
    expect(readLaunchConfig(['.'], { HALLWAY_SERVER: 'http://127.0.0.1:8787', HALLWAY_TOKEN: token }, dev)).toEqual({
      ok: true,
      serverUrl: 'http://127.0.0.1:8787',
      token,
    })
  })

  it('lets --server and --token (spaced or with =) win over the environment, among Chromium switches', () => {
    const config = readLaunchConfig(['.', '--no-sandbox-ish', '--server=https://hallway.example', '--token', token], {
      HALLWAY_SERVER: 'http://ignored:1',
      HALLWAY_TOKEN: 'ignored',
    }, dev)
    expect(config).toEqual({ ok: true, serverUrl: 'https://hallway.example', token })
  })

  it('explains what is missing or wrong, and how to start', () => {
    const problems = [
      readLaunchConfig([], {}, dev),
      readLaunchConfig(['--server', 'http://h:1'], {}, dev),
      readLaunchConfig([], { HALLWAY_TOKEN: token }, dev),
      readLaunchConfig(['--server', 'ftp://h', '--token', token], {}, dev),
      readLaunchConfig(['--server', 'http://h:1', '--token', 'not-a-jwt'], {}, dev),
    ].map((config) => (config.ok ? null : config.problem))
    expect(problems[0]).toMatch(/which server/)
    expect(problems[1]).toMatch(/no sign-in token/)
    expect(problems[2]).toMatch(/no server address/)
    expect(problems[3]).toMatch(/not an http\(s\) URL/)
    expect(problems[4]).toMatch(/not a Hallway sign-in token/)
    for (const problem of problems) expect(problem).toContain('--server URL --token TOKEN')
  })

  it('refuses --token in a packaged app, and falls back to the stored sign-in when nothing is given', () => {
    const stored = { serverUrl: 'https://hallway.example', token }
    const refused = readLaunchConfig(['--server', 'http://h:1', '--token', token], {}, { packaged: true, stored })
    expect(refused.ok ? null : refused.problem).toMatch(/does not take --token/)
    expect(readLaunchConfig(['--server', 'http://h:1', '--token', token], {}, { packaged: false, stored })).toEqual({ ok: true, serverUrl: 'http://h:1', token })
    expect(readLaunchConfig(['.'], {}, { packaged: true, stored })).toEqual({ ok: true, ...stored })
    expect(readLaunchConfig(['.'], { HALLWAY_SERVER: 'http://127.0.0.1:8787', HALLWAY_TOKEN: token }, { packaged: true, stored })).toEqual({
      ok: true,
      serverUrl: 'http://127.0.0.1:8787',
      token,
    })
  })
})
