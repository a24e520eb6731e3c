import { TokenVerifier } from 'livekit-server-sdk'
import { describe, expect, it } from 'vitest'
import type { TokenClaims } from '../../shared/contract/token-claims'
import { CallAccessDenied, MAX_CALL_TOKEN_SECONDS, decideCallAccess, livekitRoomName, mintCallToken } from './call-access'

const livekit = { url: 'ws://10.231.7.2:7880', apiKey: 'devkey', apiSecret: 'secret' }
const now = 1_800_000_000
const member: TokenClaims = { sub: 'ada', team: 'acme', role: 'member', name: 'Ada', exp: now + 86_400 }
const guest: TokenClaims = { ...member, sub: 'gus', name: 'Gus', role: 'guest' }
const request = { teamId: 'acme', roomId: 'lounge' }

describe('decideCallAccess', () => {
  it('names the call after team and room, with the member id as identity', () => {
    const decision = decideCallAccess(member, request, { door: 'open' })
    expect(decision).toMatchObject({ ok: true, roomName: 'acme.lounge', identity: 'ada', name: 'Ada' })
  })

  it('lets members publish camera, microphone and screen', () => {
    const decision = decideCallAccess(member, request, { door: 'open' })
    expect(decision.ok && decision.grant).toMatchObject({ roomJoin: true, room: 'acme.lounge', canPublish: true, canSubscribe: true })
  })

  it('lets guests listen and watch only', () => {
    const decision = decideCallAccess(guest, request, { door: 'open' })
    expect(decision.ok && decision.grant).toMatchObject({ canSubscribe: true, canPublish: false, canPublishData: false })
  })

  it('keeps a closed door reachable (knocking happens in the office) and a locked one shut', () => {
    expect(decideCallAccess(member, request, { door: 'closed' }).ok).toBe(true)
    expect(decideCallAccess(member, request, { door: 'locked' })).toEqual({ ok: false, reason: 'door-locked' })
  })

  it('refuses another team and unknown rooms', () => {
    expect(decideCallAccess(member, { teamId: 'other', roomId: 'lounge' }, { door: 'open' })).toEqual({ ok: false, reason: 'wrong-team' })
    expect(decideCallAccess(member, request, null)).toEqual({ ok: false, reason: 'unknown-room' })
  })

  it('cannot confuse two team/room pairs in the room name', () => {
    expect(livekitRoomName('a-b', 'c')).not.toBe(livekitRoomName('a', 'b-c'))
    expect(livekitRoomName('a_b', 'c')).not.toBe(livekitRoomName('a', 'b_c'))
  })
})

describe('mintCallToken', () => {
  const verifier = new TokenVerifier(livekit.apiKey, livekit.apiSecret)

  it('signs a LiveKit token carrying identity, name and grant', async () => {
    const { url, token } = await mintCallToken(member, request, { door: 'open' }, livekit)
    expect(url).toBe(livekit.url)
    const claims = await verifier.verify(token)
    expect(claims.sub).toBe('ada')
    expect(claims.name).toBe('Ada')
    expect(claims.video).toMatchObject({ room: 'acme.lounge', roomJoin: true, canPublish: true })
    expect(claims.video?.canPublishSources).toEqual(['microphone', 'camera', 'screen_share', 'screen_share_audio'])
  })

  it('never outlives the member token', async () => {
    const { token: long } = await mintCallToken(member, request, { door: 'open' }, livekit, now)
    const { token: short } = await mintCallToken({ ...member, exp: now + 120 }, request, { door: 'open' }, livekit, now)
    const lifetime = async (t: string) => {
      const c = await verifier.verify(t, '100y')
      return c.exp! - c.nbf!
    }
    expect(await lifetime(long)).toBe(MAX_CALL_TOKEN_SECONDS)
    expect(await lifetime(short)).toBe(120)
  })

  it('throws a 403-worthy denial', async () => {
    const denied = mintCallToken(member, request, { door: 'locked' }, livekit)
    await expect(denied).rejects.toBeInstanceOf(CallAccessDenied)
    await expect(denied).rejects.toMatchObject({ status: 403, reason: 'door-locked' })
  })
})
