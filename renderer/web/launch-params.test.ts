import { describe, expect, it } from 'vitest'
import { checkSignIn, launchSearch, normaliseServerUrl, readLaunch } from './launch-params'

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const token = `${encode({ alg: 'HS256' })}.${encode({ sub: 'ada', team: 'acme', role: 'member', name: 'Ada', exp: 4_000_000_000 })}.sig`

describe('web launch parameters', () => {
  it('reads ?server=&team=&token= and round-trips it', () => {
    const search = launchSearch({ serverUrl: 'http://127.0.0.1:8787', teamId: 'acme', token })
    expect(readLaunch(search)).toEqual({ ok: true, launch: { serverUrl: 'http://127.0.0.1:8787', teamId: 'acme', token } })
  })

  it('asks to sign in, keeping the server, when the token is missing', () => {
    expect(readLaunch('')).toEqual({ ok: false, serverUrl: '', error: null })
    expect(readLaunch('?server=http%3A%2F%2Fhost%3A8787%2F')).toEqual({ ok: false, serverUrl: 'http://host:8787', error: null })
  })

  it('explains a bad server address, a damaged token and a team mix-up', () => {
    expect(checkSignIn('ftp://host', token)).toMatchObject({ ok: false, error: expect.stringMatching(/server address/) })
    expect(checkSignIn('http://host', 'not-a-jwt')).toMatchObject({ ok: false, error: expect.stringMatching(/not a Hallway sign-in token/) })
    expect(checkSignIn('http://host', token, 'other')).toMatchObject({ ok: false, error: expect.stringMatching(/two teams/) })
  })

  it('normalises server addresses', () => {
    expect(normaliseServerUrl(' https://hallway.example.com/ ')).toBe('https://hallway.example.com')
    expect(normaliseServerUrl('hallway.example.com')).toBeNull()
  })
})
