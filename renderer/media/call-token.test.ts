import { describe, expect, it } from 'vitest'
import { fetchCallToken } from './call-token'

const answering = (status: number, body: unknown) => {
  const seen: { url: string; init: RequestInit | undefined }[] = []
  const fetchImpl = (async (url: URL, init?: RequestInit) => {
    seen.push({ url: String(url), init })
    return new Response(JSON.stringify(body), { status })
  }) as typeof fetch
  return { seen, fetchImpl }
}
const request = { teamId: 'T1', roomId: 'kitchen' }

describe('fetching a call token', () => {
  it('sends the member token and room, and validates the answer', async () => {
    const { seen, fetchImpl } = answering(200, { url: 'ws://10.0.0.2:7880', token: 'lk' })
    expect(await fetchCallToken('http://127.0.0.1:8787', 'member', request, fetchImpl)).toEqual({ ok: true, url: 'ws://10.0.0.2:7880', token: 'lk' })
    expect(seen[0]!.url).toBe('http://127.0.0.1:8787/api/livekit/token')
    expect(seen[0]!.init?.headers).toMatchObject({ Authorization: 'Bearer member' })
    expect(JSON.parse(String(seen[0]!.init?.body))).toEqual(request)
    expect((await fetchCallToken('http://x', 'member', request, answering(200, { url: 'javascript:1', token: 'lk' }).fetchImpl)).ok).toBe(false)
  })

  it('tells "calls unavailable" apart from refusals', async () => {
    expect(await fetchCallToken('http://x', 'm', request, answering(503, { error: 'calls-unavailable' }).fetchImpl)).toMatchObject({ ok: false, unavailable: true })
    expect(await fetchCallToken('http://x', 'm', request, answering(403, { error: 'door-locked' }).fetchImpl)).toEqual({
      ok: false,
      unavailable: false,
      message: 'The door is locked.',
    })
    const unreachable = (async () => {
      throw new TypeError('fetch failed')
    }) as typeof fetch
    expect(await fetchCallToken('http://x', 'm', request, unreachable)).toMatchObject({ ok: false, unavailable: false })
  })
})
