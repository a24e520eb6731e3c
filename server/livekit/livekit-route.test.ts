import { TokenVerifier } from 'livekit-server-sdk'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { PresenceCore } from '../../shared/core/engine'
import type { RunningServer, StartOptions } from '../start'
import { createTestTeam, openCore, removeTempDirs, startTestServer, tempDir, tokenFor, waitFor } from '../testing/harness'

const livekit = { url: 'ws://127.0.0.1:7880', apiKey: 'devkey', apiSecret: 'secret' }
const servers: RunningServer[] = []
const cores: PresenceCore[] = []
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()))
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

async function setup(options: Partial<StartOptions> = {}) {
  const dir = tempDir()
  const teamId = await createTestTeam(dir)
  const server = await startTestServer(dir, options)
  servers.push(server)
  const ask = async (body: unknown, user = 'ada') =>
    fetch(`${server.url}/api/livekit/token`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await tokenFor(dir, teamId, user)}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
  return { dir, teamId, server, ask }
}

describe('POST /api/livekit/token on the running server', () => {
  it('mints a call token from the live team document, and refuses a locked door', async () => {
    const { dir, teamId, server, ask } = await setup({ livekit })
    const response = await ask({ teamId, roomId: 'lobby' })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { url: string; token: string }
    expect(body.url).toBe(livekit.url)
    expect((await new TokenVerifier(livekit.apiKey, livekit.apiSecret).verify(body.token)).sub).toBe('ada')

    expect((await ask({ teamId, roomId: 'nowhere' })).status).toBe(403)
    const ada = await openCore(server.url, await tokenFor(dir, teamId, 'ada'))
    cores.push(ada)
    await ada.whenSynced()
    expect(await ada.execute({ type: 'enterRoom', roomId: 'kitchen' })).toEqual({ ok: true })
    expect(await ada.execute({ type: 'setDoor', roomId: 'kitchen', door: 'locked' })).toEqual({ ok: true })
    await waitFor('the locked door to refuse calls', async () => (await ask({ teamId, roomId: 'kitchen' })).status === 403)
  })

  it('answers CORS preflights, since views call it from another origin', async () => {
    const { server, ask, teamId } = await setup({ livekit })
    const preflight = await fetch(`${server.url}/api/livekit/token`, {
      method: 'OPTIONS',
      headers: { Origin: 'app://hallway', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/)
    expect((await ask({ teamId, roomId: 'lobby' })).headers.get('access-control-allow-origin')).toBe('*')
  })

  it('answers 503 when no LiveKit server is configured', async () => {
    const { teamId, ask } = await setup()
    expect((await ask({ teamId, roomId: 'lobby' })).status).toBe(503)
  })
})
