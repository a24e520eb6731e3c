import { describe, expect, it } from 'vitest'
import { DEEP_LINK_MAX_LENGTH, parseDeepLink } from './deep-link'

const invite = 'abcdefghijklmnop1234'
const join = (server: string, code = invite) => `hallway://join?server=${encodeURIComponent(server)}&invite=${code}`

describe('parseDeepLink', () => {
  it('reads a room link into its team and room ids', () => {
    expect(parseDeepLink('hallway://room/T1/design_room-2')).toEqual({ ok: true, link: { kind: 'room', teamId: 'T1', roomId: 'design_room-2' } })
  })

  it('reads a join link into an http(s) server and an invite code', () => {
    expect(parseDeepLink(join('https://hallway.example.com/team'))).toEqual({
      ok: true,
      link: { kind: 'join', serverUrl: 'https://hallway.example.com/team', inviteCode: invite },
    })
    expect(parseDeepLink(join('http://127.0.0.1:8787'))).toMatchObject({ ok: true, link: { serverUrl: 'http://127.0.0.1:8787' } })
  })

  it.each([
    ['another scheme', 'https://room/T1/R1'],
    ['a scheme look-alike', 'hallways://room/T1/R1'],
    ['no authority', 'hallway:room/T1/R1'],
    ['an unknown action', 'hallway://settings?reset=1'],
    ['an extra path part', 'hallway://room/T1/R1/extra'],
    ['a trailing slash', 'hallway://room/T1/R1/'],
    ['a missing room', 'hallway://room/T1'],
    ['an empty team id', 'hallway://room//R1'],
    ['a dot-dot id', 'hallway://room/../R1'],
    ['an encoded slash in an id', 'hallway://room/T1%2FR1/R2'],
    ['a 65-character id', `hallway://room/T1/${'r'.repeat(65)}`],
    ['non-ASCII in an id', 'hallway://room/T1/caf%C3%A9'],
    ['a raw non-ASCII look-alike', 'hallway://room/T1/\u0440oom'],
    ['parameters on a room link', 'hallway://room/T1/R1?token=x'],
    ['a fragment', 'hallway://room/T1/R1#x'],
    ['credentials on the link', 'hallway://ada:pw@room/T1/R1'],
    ['a port on the link', 'hallway://room:80/T1/R1'],
    ['a newline smuggled in', 'hallway://room/T1/R1\nhallway://room/T2/R2'],
    ['a tab that URL parsing would strip', 'hallway://room/T\t1/R1'],
    ['a javascript: server', join('javascript:alert(1)')],
    ['a file: server', join('file:///etc/passwd')],
    ['credentials in the server', join('https://ada:secret@hallway.example.com')],
    ['a fragment in the server', join('https://hallway.example.com/#x')],
    ['a relative server', join('/api')],
    ['a short invite code', join('https://hallway.example.com', 'short')],
    ['an invite code with other characters', join('https://hallway.example.com', `${invite}%3Cscript%3E`)],
    ['a missing invite', `hallway://join?server=${encodeURIComponent('https://h.example.com')}`],
    ['a repeated server', `${join('https://a.example.com')}&server=${encodeURIComponent('https://b.example.com')}`],
    ['an extra parameter', `${join('https://a.example.com')}&token=x`],
    ['a join link with a path', `hallway://join/x?server=${encodeURIComponent('https://a.example.com')}&invite=${invite}`],
    ['over-long input', `hallway://room/T1/R1?${'a'.repeat(DEEP_LINK_MAX_LENGTH)}`],
    ['text that is no URL', 'not a link'],
  ])('refuses %s', (_what, raw) => {
    const result = parseDeepLink(raw)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problem).toMatch(/^not a Hallway link \(.+\)$/)
  })

  it('refuses what is not text at all', () => {
    for (const raw of [undefined, null, 42, ['hallway://room/T1/R1'], { href: 'hallway://room/T1/R1' }]) {
      expect(parseDeepLink(raw)).toEqual({ ok: false, problem: 'not a Hallway link (not text)' })
    }
  })
})
