// Whether the server has a message I wrote (issue 11, item 10): real cores, a real server, real sockets.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import {
  createTestTeam,
  openCore,
  pausableProxy,
  removeTempDirs,
  startTestServer,
  tempDir,
  tokenFor,
  waitFor,
} from '../../server/testing/harness'
import type { PresenceCore } from './engine'

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})
afterAll(removeTempDirs)

async function member(serverUrl: string, dir: string, teamId: string, user: string): Promise<PresenceCore> {
  const core = await openCore(serverUrl, await tokenFor(dir, teamId, user))
  cleanups.push(() => core.close())
  await core.whenSynced()
  expect(await core.execute({ type: 'openDiscussion', roomId: 'lobby' })).toEqual({ ok: true })
  return core
}

const messageIn = (core: PresenceCore, text: string) => core.view().discussions.lobby?.messages.find((m) => m.text === text)

describe('message delivery', () => {
  it('a message written while the server is down is "offline", then "sent" once the restarted server has it, and reaches the others', async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir)
    let server = await startTestServer(dir)
    cleanups.push(() => server.close())
    const ada = await member(server.url, dir, teamId, 'ada')
    const bob = await member(server.url, dir, teamId, 'bob')

    await server.close()
    await waitFor('ada to be offline', () => ada.view().connection.state === 'offline')
    expect(await ada.execute({ type: 'postMessage', roomId: 'lobby', text: 'Written on the train' })).toEqual({ ok: true })
    await waitFor('the message to wait for the server', () => messageIn(ada, 'Written on the train')?.delivery === 'offline')

    server = await startTestServer(dir, { port: server.port })
    await waitFor('the restarted server to have it', () => messageIn(ada, 'Written on the train')?.delivery === 'sent')
    const received = await waitFor('bob to receive it', () => messageIn(bob, 'Written on the train'))
    expect(received).toMatchObject({ author: 'ada', delivery: 'sent' })
  })

  it('a message stays "sending" until the server answers for it, even once others have it', async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir)
    const server = await startTestServer(dir)
    cleanups.push(() => server.close())
    const proxy = await pausableProxy(server.port)
    cleanups.push(() => proxy.close())
    const ada = await member(proxy.url, dir, teamId, 'ada')
    const bob = await member(server.url, dir, teamId, 'bob')

    await ada.execute({ type: 'postMessage', roomId: 'lobby', text: 'Morning' })
    await waitFor('the first message to be sent', () => messageIn(ada, 'Morning')?.delivery === 'sent')

    // Ada's device stops hearing from the server; what she sends still arrives.
    proxy.pause()
    await ada.execute({ type: 'postMessage', roomId: 'lobby', text: 'Anyone for coffee?' })
    await waitFor('bob to receive it', () => messageIn(bob, 'Anyone for coffee?'))
    expect(messageIn(ada, 'Anyone for coffee?')?.delivery).toBe('sending')
    expect(messageIn(ada, 'Morning')?.delivery).toBe('sent')

    proxy.resume()
    await waitFor("the server's answer to mark it sent", () => messageIn(ada, 'Anyone for coffee?')?.delivery === 'sent')
  })
})
