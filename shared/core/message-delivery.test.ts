// Whether the server has a message I wrote (issue 11, item 10): real cores, a real server, real sockets.
import { describe, expect, it } from 'vitest'
import { waitFor } from '../../server/testing/harness'
import { officesClosedAfterEach, type JoinOptions, type TestOffice } from '../../server/testing/test-office'
import type { PresenceCore } from './engine'

const startOffice = officesClosedAfterEach()

async function member(office: TestOffice, user: string, options: JoinOptions = {}): Promise<PresenceCore> {
  const core = await office.join(user, { device: 'bot', ...options })
  expect(await core.execute({ type: 'openDiscussion', roomId: 'lobby' })).toEqual({ ok: true })
  return core
}

const messageIn = (core: PresenceCore, text: string) => core.view().discussions.lobby?.messages.find((m) => m.text === text)

describe('message delivery', () => {
  it('a message written while the server is down is "offline", then "sent" once the restarted server has it, and reaches the others', async () => {
    const office = await startOffice()
    const ada = await member(office, 'ada')
    const bob = await member(office, 'bob')

    await office.stopServer()
    await waitFor('ada to be offline', () => ada.view().connection.state === 'offline')
    expect(await ada.execute({ type: 'postMessage', roomId: 'lobby', text: 'Written on the train' })).toEqual({ ok: true })
    await waitFor('the message to wait for the server', () => messageIn(ada, 'Written on the train')?.delivery === 'offline')

    await office.restartServer()
    await waitFor('the restarted server to have it', () => messageIn(ada, 'Written on the train')?.delivery === 'sent')
    const received = await waitFor('bob to receive it', () => messageIn(bob, 'Written on the train'))
    expect(received).toMatchObject({ author: 'ada', delivery: 'sent' })
  })

  it('a message stays "sending" until the server answers for it, even once others have it', async () => {
    const office = await startOffice()
    const ada = await member(office, 'ada', { viaProxy: true })
    const bob = await member(office, 'bob')
    const proxy = await office.proxy()

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
